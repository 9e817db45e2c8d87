package io.gnomon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.ntp.LeapIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chrony's {@code chronyd -Q} (measure once, never touch the clock) against the simulated server on an
 * ephemeral port. chronyd prints only the offset, so the test gives it a config with {@code log measurements}
 * in a temp dir and reads the leap status, stratum, offset and refid from measurements.log.
 * As root, {@code -u root} keeps chronyd from switching to the _chrony user, who could not write the temp dir.
 */
@Tag("external")
class ChronydAcceptanceTest {

    @TempDir
    Path dir;

    private ExternalProgram.Result chronydQ(ListenAddress server, long timeoutSeconds) throws Exception {
        ExternalProgram chronyd = ExternalProgram.require("chronyd", "chrony");
        Path config = dir.resolve("chrony.conf");
        Files.writeString(config, String.join("\n",
                "server " + server.address().getHostAddress() + " port " + server.port() + " iburst maxsamples 1",
                "log measurements",
                "logdir " + dir,
                "pidfile " + dir.resolve("chronyd.pid"),
                "cmdport 0",
                ""));
        List<String> args = new ArrayList<>(List.of("-Q", "-f", config.toString(), "-t", Long.toString(timeoutSeconds)));
        if (ExternalProgram.isRoot()) {
            args.addAll(List.of("-u", "root"));
        }
        return chronyd.run(timeoutSeconds + 10, args.toArray(String[]::new));
    }

    private static Simulation simulate(boolean synchronised) throws Exception {
        return Simulation.start(new Simulation.Settings(List.of(ListenAddress.parse("127.0.0.1:0")), synchronised,
                LeapIndicator.NO_WARNING));
    }

    @Test
    void chronydMeasuresAStratumOneServerWithNormalLeapStatusWithinOneMillisecond() throws Exception {
        try (Simulation sim = simulate(true)) {
            ListenAddress at = sim.listening().getFirst();
            ExternalProgram.Result r = chronydQ(at, 10);
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("System clock wrong by"), r.output());

            Path log = dir.resolve("measurements.log");
            assertTrue(Files.exists(log), "no measurements.log; chronyd said:\n" + r.output());
            List<String[]> rows = Files.readAllLines(log).stream()
                    .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*"))
                    .map(l -> l.trim().split("\\s+")).toList();
            assertFalse(rows.isEmpty(), "no measurement rows; chronyd said:\n" + r.output());
            // Date Time IP L St 123 567 ABCD LP RP Score Offset Peer-del Peer-disp Root-del Root-disp Refid MTxRx
            for (String[] row : rows) {
                String line = String.join(" ", row);
                assertEquals(at.address().getHostAddress(), row[2], line);
                assertEquals("N", row[3], "leap status normal: " + line);
                assertEquals("1", row[4], "stratum 1: " + line);
                assertEquals("111", row[5], "tests 1-3 passed: " + line);
                assertEquals("111", row[6], "tests 5-7 passed: " + line);
                assertEquals("1111", row[7], "tests A-D passed: " + line);
                double offset = Double.parseDouble(row[11]);
                assertTrue(Math.abs(offset) < 1e-3, "|offset| < 1 ms: " + line);
                assertEquals("53494D00", row[16], "refid SIM: " + line);
            }
        }
    }

    @Test
    void chronydRefusesAnUnsynchronisedServer() throws Exception {
        try (Simulation sim = simulate(false)) {
            // chronyd -Q gives up by itself after its initial burst (about 9 s); 20 s is only the safety net
            ExternalProgram.Result r = chronydQ(sim.listening().getFirst(), 20);
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("No suitable source for synchronisation"), r.output());
            assertFalse(r.output().contains("System clock wrong by"), r.output());
            assertTrue(sim.counters().replied() > 0, "it was answered, and refused the answers: " + sim.counters());
        }
    }
}
