package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestLoopback;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.testing.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chronyd with {@code xleave} against the simulated server: after its first (basic) exchange, chronyd's
 * measurements log must show interleaved exchanges with kernel timestamps ({@code 4I K K} in the MTxRx column:
 * mode 4, interleaved, its own transmit and receive stamps from the kernel) — our replies then carry the exact
 * kernel transmit time of the previous reply. {@code chronyd -Q} (never touches the clock), 1/64 s polls.
 */
@Tag("external")
class ChronydInterleavedTest {

    @TempDir
    Path dir;

    @Test
    void chronydWithXleaveGetsInterleavedRepliesWithKernelTimestamps() throws Exception {
        ExternalProgram chronyd = ExternalProgram.require("chronyd", "chrony");
        try (Simulation sim = Simulation.start(new Simulation.Settings(TestLoopback.ephemeral(), true,
                LeapIndicator.NO_WARNING))) {
            ListenAddress at = sim.listening().getFirst();
            Path config = dir.resolve("chrony.conf");
            Files.writeString(config, String.join("\n",
                    "server " + at.address().getHostAddress() + " port " + at.port()
                            + " iburst minpoll -6 maxpoll -6 xleave",
                    "log measurements", "logdir " + dir, "pidfile " + dir.resolve("chronyd.pid"), "cmdport 0", ""));
            List<String> args = new ArrayList<>(List.of("-Q", "-f", config.toString(), "-t", "10"));
            if (ExternalProgram.isRoot()) {
                args.addAll(List.of("-u", "root"));
            }
            ExternalProgram.Result r = chronyd.run(20, args.toArray(String[]::new));
            // not its exit code: -Q stops after four samples, and it may find the first (basic) ones and the
            // interleaved ones too far apart to pick a source; the log has every exchange either way
            assertTrue(Files.exists(dir.resolve("measurements.log")), r.output());
            List<String> rows = Files.readAllLines(dir.resolve("measurements.log")).stream()
                    .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).toList();
            List<String> interleaved = rows.stream().filter(l -> l.endsWith(" 4I K K")).toList();
            assertTrue(interleaved.size() >= 1, "interleaved exchanges with kernel stamps:\n" + String.join("\n", rows));
            for (String row : interleaved) {
                String[] f = row.trim().split("\\s+");
                double offset = Double.parseDouble(f[11]);
                double delay = Double.parseDouble(f[12]);
                // both stamps exact and on the same host clock: the offset lies within half the round trip
                assertTrue(Math.abs(offset) <= delay / 2 + 1e-6, "offset within half the delay: " + row);
            }
        }
    }
}
