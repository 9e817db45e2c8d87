package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestLoopback;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.testing.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chrony's {@code chronyd -Q} (measure, never touch the clock) against the simulated server, on ephemeral
 * ports, IPv4 and IPv6. chronyd prints only its offset estimate, so the test gives it a config with
 * {@code log measurements} and a temp {@code logdir}, and reads each sample's leap status, stratum, test bits,
 * offset, delay and refid from measurements.log. {@code minpoll -6 maxpoll -6} with {@code iburst} makes
 * chronyd take its samples 1/64 s apart (done in well under a second). As root, {@code -u root} keeps it from
 * switching to the _chrony user, who could not write the temp dir.
 *
 * <p>Offsets: on a loaded machine one sample can be delayed on one leg by milliseconds. Every sample must lie
 * within half its round trip of zero (a wrong timestamp could not), and the sample with the smallest round
 * trip - the one NTP's clock filter trusts - must be within 1 ms.
 */
@Tag("external")
class ChronydAcceptanceTest {

    @TempDir
    Path dir;

    /** One row of measurements.log. */
    private record Sample(String ip, String leap, int stratum, String tests, double offset, double delay,
                          String refId, String line) {
        static Sample parse(String line) {
            // Date Time IP L St 123 567 ABCD LP RP Score Offset Peer-del Peer-disp Root-del Root-disp Refid MTxRx
            String[] f = line.trim().split("\\s+");
            return new Sample(f[2], f[3], Integer.parseInt(f[4]), f[5] + f[6] + f[7], Double.parseDouble(f[11]),
                    Double.parseDouble(f[12]), f[16], line);
        }
    }

    /** One chronyd -Q run against one server; its files in {@code runDir}. */
    private static ExternalProgram.Result chronydQ(ListenAddress server, Path runDir, long timeoutSeconds)
            throws Exception {
        ExternalProgram chronyd = ExternalProgram.require("chronyd", "chrony");
        Files.createDirectories(runDir);
        List<String> lines = List.of(
                "server " + server.address().getHostAddress() + " port " + server.port() + " iburst minpoll -6 maxpoll -6",
                "log measurements", "logdir " + runDir, "pidfile " + runDir.resolve("chronyd.pid"), "cmdport 0", "");
        Path config = runDir.resolve("chrony.conf");
        Files.writeString(config, String.join("\n", lines));
        List<String> args = new ArrayList<>(List.of("-Q", "-f", config.toString(), "-t", Long.toString(timeoutSeconds)));
        if (ExternalProgram.isRoot()) {
            args.addAll(List.of("-u", "root"));
        }
        return chronyd.run(timeoutSeconds + 10, args.toArray(String[]::new));
    }

    private static Simulation simulate(boolean synchronised) throws Exception {
        return simulate(synchronised, LeapIndicator.NO_WARNING);
    }

    private static Simulation simulate(boolean synchronised, LeapIndicator leap) throws Exception {
        return Simulation.start(new Simulation.Settings(
                TestLoopback.ephemeral(), synchronised, leap));
    }

    private static List<Sample> samples(Path runDir) throws java.io.IOException {
        Path log = runDir.resolve("measurements.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream()
                .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).map(Sample::parse).toList();
    }

    private static Path runDir(Path dir, ListenAddress at) {
        return dir.resolve(at.isIpv6() ? "ipv6" : "ipv4");
    }

    @Test
    void chronydMeasuresAStratumOneServerWithNormalLeapStatusWithinOneMillisecond() throws Exception {
        try (Simulation sim = simulate(true)) {
            for (ListenAddress at : sim.listening()) {
                ExternalProgram.Result r = chronydQ(at, runDir(dir, at), 10);
                assertEquals(0, r.exitCode(), r.output());
                assertTrue(r.output().contains("System clock wrong by"), r.output());

                List<Sample> samples = samples(runDir(dir, at));
                assertFalse(samples.isEmpty(), "no samples from " + at + "; chronyd said:\n" + r.output());
                for (Sample s : samples) {
                    assertEquals("N", s.leap(), "leap status normal: " + s.line());
                    assertEquals(1, s.stratum(), "stratum 1: " + s.line());
                    assertEquals("1111111111", s.tests(), "every packet test passed: " + s.line());
                    assertEquals("53494D00", s.refId(), "refid SIM: " + s.line());
                    assertTrue(Math.abs(s.offset()) <= s.delay() / 2 + 50e-6, "offset within half the delay: " + s.line());
                }
                Sample best = samples.stream().min(Comparator.comparingDouble(Sample::delay)).orElseThrow();
                assertTrue(Math.abs(best.offset()) < 1e-3, "|offset| < 1 ms: " + best.line());
            }
        }
    }

    @Test
    void chronydSeesTheAnnouncedLeapSecond() throws Exception {
        try (Simulation sim = simulate(true, LeapIndicator.INSERT_SECOND)) {
            ListenAddress at = sim.listening().getFirst();
            ExternalProgram.Result r = chronydQ(at, runDir(dir, at), 10);
            assertEquals(0, r.exitCode(), r.output());
            List<Sample> samples = samples(runDir(dir, at));
            assertFalse(samples.isEmpty(), r.output());
            samples.forEach(s -> assertEquals("+", s.leap(), "leap insertion announced: " + s.line()));
        }
    }

    @Test
    void chronydRefusesAnUnsynchronisedServer() throws Exception {
        try (Simulation sim = simulate(false)) {
            for (ListenAddress at : sim.listening()) {
                long repliedBefore = sim.counters().replied();
                ExternalProgram.Result r = chronydQ(at, runDir(dir, at), 20);
                assertNotEquals(0, r.exitCode(), r.output());
                assertTrue(r.output().contains("No suitable source for synchronisation"), r.output());
                assertFalse(r.output().contains("System clock wrong by"), r.output());
                // chronyd says the same when nobody answers: make sure it was answered, and refused the answers
                assertTrue(sim.counters().replied() > repliedBefore, "answered " + at + ": " + sim.counters());
                assertEquals(List.of(), samples(runDir(dir, at)), "no sample accepted");
            }
        }
    }
}
