package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.state.LeapSecondFile;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.testing.ExternalProgram;
import io.gnomon.testing.NtpProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gnomon simulate` with the simulated GPS and PPS through the real NMEA path, labeller and clock model:
 * chronyd -Q sees stratum 1, refid PPS, |offset| < 1 ms; unplugged long enough, the server says LI=3.
 */
@Tag("external")
class SimulatedGpsAcceptanceTest {

    @TempDir
    Path dir;

    private static Simulation simulate(long unplugAfter, double holdoverLimit) throws Exception {
        return Simulation.start(new Simulation.Settings(List.of(ListenAddress.parse("127.0.0.1:0")), true,
                LeapIndicator.NO_WARNING, false, unplugAfter, holdoverLimit, LeapSecondFile.DEFAULT, null));
    }

    /** Polls the server until {@code wanted} holds or {@code seconds} pass; returns the last answer. */
    private static NtpProbe waitFor(ListenAddress at, long seconds, java.util.function.Predicate<NtpProbe> wanted)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        NtpProbe last = null;
        while (System.nanoTime() < end) {
            last = NtpProbe.query(at, 1000);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return last;
    }

    private static boolean ppsLocked(NtpProbe p) {
        return p != null && p.leap() != 3 && p.stratum() == 1 && p.refId().startsWith("PPS");
    }

    @Test
    void chronydSeesStratumOneRefidPpsWithinOneMillisecond() throws Exception {
        try (Simulation sim = simulate(-1, 10e-3)) {
            ListenAddress at = sim.listening().getFirst();
            NtpProbe locked = waitFor(at, 20, SimulatedGpsAcceptanceTest::ppsLocked);
            assertTrue(ppsLocked(locked), "PPS lock within 20 s: " + locked);
            // warm the reply path up (JIT) so a cold first reply's processing time does not skew chronyd's one sample
            for (int i = 0; i < 300; i++) {
                NtpProbe.query(at, 1000);
            }

            ExternalProgram chronyd = ExternalProgram.require("chronyd", "chrony");
            Path config = dir.resolve("chrony.conf");
            Files.writeString(config, String.join("\n",
                    "server " + at.address().getHostAddress() + " port " + at.port() + " iburst maxsamples 1",
                    "log measurements", "logdir " + dir, "pidfile " + dir.resolve("chronyd.pid"), "cmdport 0", ""));
            List<String> args = new ArrayList<>(List.of("-Q", "-f", config.toString(), "-t", "10"));
            if (ExternalProgram.isRoot()) {
                args.addAll(List.of("-u", "root"));
            }
            ExternalProgram.Result r = chronyd.run(20, args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.output());
            List<String[]> rows = Files.readAllLines(dir.resolve("measurements.log")).stream()
                    .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*"))
                    .map(l -> l.trim().split("\\s+")).toList();
            assertFalse(rows.isEmpty(), r.output());
            for (String[] row : rows) {
                String line = String.join(" ", row);
                assertEquals("N", row[3], "leap status normal: " + line);
                assertEquals("1", row[4], "stratum 1: " + line);
                assertTrue(Math.abs(Double.parseDouble(row[11])) < 1e-3, "|offset| < 1 ms: " + line);
                assertEquals("50505300", row[16], "refid PPS: " + line);
            }
        }
    }

    @Test
    void unpluggedLongEnoughItSaysLeapIndicatorThree() throws Exception {
        // a 5 µs holdover limit: a few seconds of holdover pass it
        try (Simulation sim = simulate(8, 5e-6)) {
            ListenAddress at = sim.listening().getFirst();
            NtpProbe locked = waitFor(at, 8, SimulatedGpsAcceptanceTest::ppsLocked);
            assertTrue(ppsLocked(locked), "PPS lock before the unplug: " + locked);
            NtpProbe after = waitFor(at, 30, p -> p != null && p.leap() == 3);
            assertEquals(3, after.leap(), "LI=3 after unplugging: " + after);
        }
    }
}
