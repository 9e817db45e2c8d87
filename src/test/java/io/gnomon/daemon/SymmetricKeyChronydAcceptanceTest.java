package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.testing.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chrony as a symmetric-key client: {@code chronyd -Q} with {@code server … key N} and the same key file.
 * chronyd accepts only replies whose MAC verifies with key N, so accepted samples prove the MAC.
 */
@Tag("external")
class SymmetricKeyChronydAcceptanceTest {
    private static final String KEYS = """
            1 MD5 HEX:00112233445566778899aabbccddeeff
            2 SHA1 ASCII:second-key-sha1
            3 SHA256 HEX:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
            4 SHA512 ASCII:fourth-key-sha512
            5 AES128 HEX:2b7e151628aed2a6abf7158809cf4f3c
            6 AES256 HEX:603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4
            """;

    @TempDir
    Path dir;

    private Path keyFile(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private Simulation simulate(Path keys) throws Exception {
        return Simulation.start(new Simulation.Settings(List.of(ListenAddress.parse("127.0.0.1:0")), true,
                LeapIndicator.NO_WARNING).withAuthentication(new AuthSettings(null, null, null, keys)));
    }

    private static ExternalProgram.Result chronydQ(Simulation sim, int key, Path keys, Path runDir) throws Exception {
        ExternalProgram chronyd = ExternalProgram.require("chronyd", "chrony");
        Files.createDirectories(runDir);
        List<String> lines = List.of(
                "server 127.0.0.1 port " + sim.listening().getFirst().port() + " key " + key + " iburst minpoll -6 maxpoll -6",
                "keyfile " + keys, "log measurements", "logdir " + runDir, "pidfile " + runDir.resolve("chronyd.pid"),
                "cmdport 0", "");
        Path config = runDir.resolve("chrony.conf");
        Files.writeString(config, String.join("\n", lines));
        List<String> args = new ArrayList<>(List.of("-Q", "-f", config.toString(), "-t", "10"));
        if (ExternalProgram.isRoot()) {
            args.addAll(List.of("-u", "root"));
        }
        return chronyd.run(25, args.toArray(String[]::new));
    }

    private static List<String> samples(Path runDir) throws java.io.IOException {
        Path log = runDir.resolve("measurements.log");
        return !Files.exists(log) ? List.of()
                : Files.readAllLines(log).stream().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).toList();
    }

    @Test
    void chronydAcceptsRepliesMacdWithEachKeyType() throws Exception {
        Path keys = keyFile("keys", KEYS);
        try (Simulation sim = simulate(keys)) {
            for (int key = 1; key <= 6; key++) {
                Path run = dir.resolve("key" + key);
                ExternalProgram.Result r = chronydQ(sim, key, keys, run);
                assertEquals(0, r.exitCode(), "key " + key + ": " + r.output());
                List<String> samples = samples(run);
                assertFalse(samples.isEmpty(), "key " + key + ": " + r.output());
                for (String s : samples) {
                    String[] f = s.trim().split("\\s+");
                    assertEquals("1111111111", f[5] + f[6] + f[7], "key " + key + ", every test passed: " + s);
                }
            }
            assertEquals(0, sim.frontEnd().responderCounters().snapshot().dropped(DropReason.AUTH_FAILED));
        }
    }

    @Test
    void aClientWithAnotherSecretGetsNoReplyAndTheDropIsCounted() throws Exception {
        Path server = keyFile("server-keys", KEYS);
        Path client = keyFile("client-keys", "1 MD5 HEX:ffeeddccbbaa99887766554433221100\n");
        try (Simulation sim = simulate(server)) {
            Path run = dir.resolve("wrong");
            ExternalProgram.Result r = chronydQ(sim, 1, client, run);
            assertNotEquals(0, r.exitCode(), r.output());
            assertEquals(List.of(), samples(run));
            assertTrue(sim.frontEnd().responderCounters().snapshot().dropped(DropReason.AUTH_FAILED) > 0);
        }
    }

    @Test
    void aWorldReadableKeyFileIsRefusedWithOneLine() throws Exception {
        Path keys = keyFile("open-keys", KEYS);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> simulate(keys));
        assertEquals(keys + ": readable by every user; keys must be secret (chmod 600 " + keys + ")", e.getMessage());
    }
}
