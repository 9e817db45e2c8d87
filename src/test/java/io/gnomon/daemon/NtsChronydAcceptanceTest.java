package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.nts.CertificateMaker;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.testing.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chrony as an NTS client (RFC 8915): {@code chronyd -Q} with {@code server … nts ntsport K} and
 * {@code ntstrustedcerts} (the private CA from {@code gnomon nts-certificate}) against the simulated server.
 * chronyd with {@code nts} accepts only replies whose authenticator verifies with the keys it got from NTS-KE,
 * so accepted samples in measurements.log prove the whole path: TLS 1.3 + ALPN, the exporter keys, cookies,
 * the NTS extension fields and AES-SIV in both directions.
 */
@Tag("external")
class NtsChronydAcceptanceTest {

    @TempDir
    Path dir;

    private Simulation simulate(CertificateMaker.Made made) throws Exception {
        List<ListenAddress> udp = List.of(ListenAddress.parse("127.0.0.1:0"));
        return Simulation.start(new Simulation.Settings(udp, true, LeapIndicator.NO_WARNING)
                .withAuthentication(new AuthSettings(made.serverCertificate(), made.serverKey(),
                        ListenAddress.parse("127.0.0.1:0"))));
    }

    private ExternalProgram.Result chronydQ(Simulation sim, Path trusted, Path runDir) throws Exception {
        ExternalProgram chronyd = ExternalProgram.require("chronyd", "chrony");
        Files.createDirectories(runDir);
        int ntp = sim.listening().getFirst().port();
        int ke = sim.authentication().nts().keServer().port();
        List<String> lines = List.of(
                "server 127.0.0.1 port " + ntp + " nts ntsport " + ke + " iburst minpoll -6 maxpoll -6",
                "ntstrustedcerts " + trusted, "log measurements", "logdir " + runDir,
                "pidfile " + runDir.resolve("chronyd.pid"), "cmdport 0", "");
        Path config = runDir.resolve("chrony.conf");
        Files.writeString(config, String.join("\n", lines));
        List<String> args = new ArrayList<>(List.of("-Q", "-f", config.toString(), "-t", "15"));
        if (ExternalProgram.isRoot()) {
            args.addAll(List.of("-u", "root"));
        }
        return chronyd.run(30, args.toArray(String[]::new));
    }

    private static List<String> samples(Path runDir) throws java.io.IOException {
        Path log = runDir.resolve("measurements.log");
        return !Files.exists(log) ? List.of()
                : Files.readAllLines(log).stream().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).toList();
    }

    @Test
    void chronydAsAnNtsClientAcceptsTheTime() throws Exception {
        CertificateMaker.Made made = CertificateMaker.make(dir.resolve("pki"), List.of("127.0.0.1"), Instant.now());
        try (Simulation sim = simulate(made)) {
            Path run = dir.resolve("chronyd");
            ExternalProgram.Result r = chronydQ(sim, made.caCertificate(), run);

            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("System clock wrong by"), r.output());
            List<String> samples = samples(run);
            assertFalse(samples.isEmpty(), "no samples; chronyd said:\n" + r.output());
            for (String s : samples) {
                String[] f = s.trim().split("\\s+");
                assertEquals("N", f[3], s);
                assertEquals("1", f[4], "stratum 1: " + s);
                assertEquals("1111111111", f[5] + f[6] + f[7], "every packet test passed: " + s);
            }
            assertTrue(sim.counters().replied() >= samples.size(), "the samples came from us (NTP port from the"
                    + " NTS-KE Port record), not from port 123: " + sim.counters());
            assertEquals(1, sim.authentication().nts().keServer().counters().cookiesIssued(),
                    "one NTS-KE session: " + sim.authentication().nts().keServer().counters());
        }
    }

    @Test
    void chronydTrustingAnotherCaRefusesTheServer() throws Exception {
        CertificateMaker.Made made = CertificateMaker.make(dir.resolve("pki"), List.of("127.0.0.1"), Instant.now());
        CertificateMaker.Made other = CertificateMaker.make(dir.resolve("other"), List.of("127.0.0.1"), Instant.now());
        try (Simulation sim = simulate(made)) {
            Path run = dir.resolve("chronyd");
            ExternalProgram.Result r = chronydQ(sim, other.caCertificate(), run);

            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("TLS handshake") && r.output().contains("failed"), r.output());
            assertEquals(List.of(), samples(run));
            assertEquals(0, sim.authentication().nts().keServer().counters().cookiesIssued());
        }
    }
}
