package io.gnomon.adapter.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nts.CookieKeys;
import io.gnomon.nts.Randomness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate files refused at start, the expiry warning, and the cookie key file. */
class NtsFilesTest {
    @TempDir
    Path dir;

    private final Randomness random = new Random(5)::nextBytes;

    @Test
    void anExpiredCertificateIsRefusedNamingTheFile() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(900));
        CertificateMaker.Made made = CertificateMaker.make(dir, List.of("ntp.lan"), longAgo);
        NtsCredentials.Refused e = assertThrows(NtsCredentials.Refused.class,
                () -> NtsCredentials.load(made.serverCertificate(), made.serverKey(), Instant.now()));
        assertTrue(e.getMessage().startsWith(made.serverCertificate() + ": certificate expired"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingTheKeyFile() throws Exception {
        CertificateMaker.Made one = CertificateMaker.make(dir.resolve("one"), List.of("ntp.lan"), Instant.now());
        CertificateMaker.Made two = CertificateMaker.make(dir.resolve("two"), List.of("ntp.lan"), Instant.now());
        NtsCredentials.Refused e = assertThrows(NtsCredentials.Refused.class,
                () -> NtsCredentials.load(one.serverCertificate(), two.serverKey(), Instant.now()));
        assertTrue(e.getMessage().startsWith(two.serverKey() + ": this private key does not belong"), e.getMessage());
        String keyText = Files.readString(two.serverKey());
        assertFalse(e.getMessage().contains(keyText.lines().toList().get(1)), "no key material in the message");
    }

    @Test
    void garbageFilesAreRefusedWithOneLine() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a pem\n");
        CertificateMaker.Made made = CertificateMaker.make(dir, List.of("ntp.lan"), Instant.now());
        assertTrue(assertThrows(NtsCredentials.Refused.class, () -> NtsCredentials.load(junk, made.serverKey(),
                Instant.now())).getMessage().startsWith(junk + ": "));
        assertTrue(assertThrows(NtsCredentials.Refused.class, () -> NtsCredentials.load(made.serverCertificate(), junk,
                Instant.now())).getMessage().startsWith(junk + ": "));
    }

    @Test
    void theExpiryWarningStartsThirtyDaysAhead() throws Exception {
        CertificateMaker.Made made = CertificateMaker.make(dir, List.of("ntp.lan"), Instant.now());
        NtsCredentials c = NtsCredentials.load(made.serverCertificate(), made.serverKey(), Instant.now());
        assertEquals(java.util.Optional.empty(), NtsService.expiryWarning(c, c.notAfter().minus(Duration.ofDays(31))));
        String w = NtsService.expiryWarning(c, c.notAfter().minus(Duration.ofDays(29).plusHours(1))).orElseThrow();
        assertTrue(w.contains("expires in 29 days"), w);
    }

    @Test
    void theKeyFileIsWrittenOwnerOnlyAndReadBackAndACorruptOneMeansNewKeys() throws Exception {
        Path p = dir.resolve("state").resolve(CookieKeyFile.NAME);
        CookieKeyFile file = new CookieKeyFile(p);
        CookieKeys first = file.loadOrCreate(1_000_000, random);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals(first.encode(), new CookieKeyFile(p).loadOrCreate(2_000_000, random).encode(), "read back, not remade");

        Files.writeString(p, "gnomon-nts-cookie-keys 1\nzz\n");
        CookieKeys remade = file.loadOrCreate(3_000_000, random);
        assertNotNull(remade);
        assertEquals(3_000_000, remade.newestCreatedEpochSeconds());
        assertEquals(remade.encode(), Files.readString(p), "the new keys replace the corrupt file");
    }
}
