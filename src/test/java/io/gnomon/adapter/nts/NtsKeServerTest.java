package io.gnomon.adapter.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nts.CookieKeys;
import io.gnomon.nts.Cookies;
import io.gnomon.nts.NtsKeMessage;
import io.gnomon.nts.NtsKeRecord;
import io.gnomon.nts.NtsKeServerExchange;
import io.gnomon.nts.Randomness;
import io.gnomon.nts.SessionKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NTS-KE server over real TLS on loopback: a JDK client that trusts the private CA. */
class NtsKeServerTest {
    private static final byte[] CHRONY_REQUEST = HexFormat.of().parseHex("800100020000" + "80040004000f001e" + "80000000");

    @TempDir
    Path dir;

    private final Randomness random = new SecureRandom()::nextBytes;
    private final CookieKeys master = CookieKeys.fresh(Instant.now().getEpochSecond(), random);
    private NtsKeServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private NtsKeServer start(NtsKeServer.Limits limits) throws Exception {
        CertificateMaker.Made made = CertificateMaker.make(dir, List.of("127.0.0.1", "localhost"), Instant.now());
        NtsCredentials c = NtsCredentials.load(made.serverCertificate(), made.serverKey(), Instant.now());
        server = NtsKeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), c, Clock.systemUTC(),
                () -> master, () -> NtsKeServerExchange.NtpEndpoint.SAME, random, limits);
        return server;
    }

    private SSLSocket client(String protocol, String... alpn) throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(dir.resolve("nts-ca.pem"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port());
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setApplicationProtocols(alpn);
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void aTls13ClientWithNtskeAlpnGetsCookiesSealingTheKeysItsOwnExporterDerives() throws Exception {
        start(NtsKeServer.Limits.STANDARD);
        try (SSLSocket s = client("TLSv1.3", "ntske/1")) {
            s.startHandshake();
            assertEquals("ntske/1", s.getApplicationProtocol());
            s.getOutputStream().write(CHRONY_REQUEST);
            byte[] response = s.getInputStream().readAllBytes();
            List<NtsKeRecord> records = assertInstanceOf(NtsKeMessage.Records.class, NtsKeMessage.decode(response)).records();
            ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
            SessionKeys expected = new SessionKeys(15,
                    session.exportKeyingMaterialData(NtsKeServerExchange.EXPORTER_LABEL, NtsKeServerExchange.context(15, 0), 32),
                    session.exportKeyingMaterialData(NtsKeServerExchange.EXPORTER_LABEL, NtsKeServerExchange.context(15, 1), 32));
            List<NtsKeRecord> cookies = records.stream().filter(r -> r.type() == NtsKeRecord.NEW_COOKIE).toList();
            assertEquals(8, cookies.size());
            for (NtsKeRecord c : cookies) {
                assertEquals(new Cookies.Valid(expected), Cookies.open(c.body(), master));
            }
        }
        assertEquals(1, server.counters().cookiesIssued());
    }

    @Test
    void tls12AndAWrongAlpnAreRefusedInTheHandshake() throws Exception {
        start(NtsKeServer.Limits.STANDARD);
        try (SSLSocket s = client("TLSv1.2", "ntske/1")) {
            assertThrows(SSLException.class, s::startHandshake);
        }
        try (SSLSocket s = client("TLSv1.3", "http/1.1")) {
            assertThrows(SSLException.class, s::startHandshake);
        }
        try (SSLSocket s = client("TLSv1.3")) { // no ALPN at all: handshake, then closed without an answer
            s.startHandshake();
            s.getOutputStream().write(CHRONY_REQUEST);
            assertEquals(0, s.getInputStream().readAllBytes().length);
        } catch (IOException closed) {
            // closed by the server before or while reading: also no answer
        }
        waitFor(() -> server.counters().handshakeFailed() == 2 && server.counters().noAlpn() == 1);
        assertEquals(0, server.counters().cookiesIssued());
    }

    @Test
    void aTruncatedRecordGetsNoCookies() throws Exception {
        start(NtsKeServer.Limits.STANDARD);
        try (SSLSocket s = client("TLSv1.3", "ntske/1")) {
            s.startHandshake();
            s.getOutputStream().write(HexFormat.of().parseHex("80010002"));
            s.shutdownOutput();
            assertEquals(0, s.getInputStream().readAllBytes().length);
        } catch (IOException closed) {
            // the server closed first
        }
        waitFor(() -> server.counters().malformed() == 1);
    }

    @Test
    void abandonedConnectionsHoldASessionForAtMostTheDeadlineAndTheCapTurnsOthersAway() throws Exception {
        start(new NtsKeServer.Limits(2, Duration.ofSeconds(30), Duration.ofMillis(700)));
        Socket a = new Socket("127.0.0.1", server.port());
        Socket b = new Socket("127.0.0.1", server.port());
        Thread.sleep(200);
        Socket c = new Socket("127.0.0.1", server.port()); // beyond the cap: closed at once
        c.setSoTimeout(5000);
        assertEquals(-1, c.getInputStream().read());
        waitFor(() -> server.counters().busy() == 1);
        // the two silent ones are closed by the deadline even though the read timeout is 30 s
        a.setSoTimeout(5000);
        b.setSoTimeout(5000);
        // (at most a TLS alert, then end of stream; a read timeout here would throw)
        assertTrue(a.getInputStream().readAllBytes().length < 64);
        assertTrue(b.getInputStream().readAllBytes().length < 64);
        waitFor(() -> server.counters().timedOut() == 2);
        a.close();
        b.close();
        c.close();
        try (SSLSocket s = client("TLSv1.3", "ntske/1")) { // and the permits came back
            s.startHandshake();
            s.getOutputStream().write(CHRONY_REQUEST);
            assertTrue(s.getInputStream().readAllBytes().length > 800);
        }
    }

    @Test
    void newCertificateFilesAreServedFromTheNextHandshake() throws Exception {
        start(NtsKeServer.Limits.STANDARD);
        X509Certificate before = server.credentials().chain()[0];
        Path other = dir.resolve("renewed");
        CertificateMaker.make(other, List.of("127.0.0.1"), Instant.now());
        Files.copy(other.resolve("nts-server.pem"), dir.resolve("nts-server.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.resolve("nts-server.key"), dir.resolve("nts-server.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.resolve("nts-ca.pem"), dir.resolve("nts-ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(dir.resolve("nts-server.pem"), java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        try (SSLSocket s = client("TLSv1.3", "ntske/1")) {
            s.startHandshake(); // trusts only the renewed CA: succeeds only with the new certificate
            assertNotEquals(before, s.getSession().getPeerCertificates()[0]);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
