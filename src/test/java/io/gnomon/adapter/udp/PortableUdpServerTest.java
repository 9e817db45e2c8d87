package io.gnomon.adapter.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RateLimitSettings;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.ntp.ServerPolicy;
import io.gnomon.ntp.ServingState;
import io.gnomon.ntp.ToyMacAuthenticator;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortableUdpServerTest {
    /** Served time is host time + 1 s, so the test can see the conversion happened. */
    private static final long SERVED_OFFSET = 1_000_000_000L;
    private static final ReferenceSnapshot REFERENCE = new ReferenceSnapshot(true, 1, "SIM",
            UtcTime.ofEpochSecond(1_800_000_000L), 0, 1e-5, LeapIndicator.NO_WARNING);

    private final AtomicLong hostNanos = new AtomicLong(1_800_000_000_000_000_000L);
    private final RealtimeClock realtime = () -> new RealtimeTime(hostNanos.addAndGet(1000));
    /** The rate limiter's time: stands still unless a test moves it, so a burst is a burst whatever the scheduler. */
    private final AtomicLong monotonicNanos = new AtomicLong(5_000_000_000L);
    private final MonotonicClock monotonic = () -> new MonotonicTime(monotonicNanos.get());
    private static final ServingState SERVING = new ServingState() {
        @Override
        public ReferenceSnapshot snapshot() {
            return REFERENCE;
        }

        @Override
        public long servedUtcNanos(long realtimeNanos) {
            return realtimeNanos + SERVED_OFFSET;
        }
    };
    private static final UdpServer.LoopDeath NO_DEATH = (where, why) -> {
        throw new AssertionError("loop on " + where + " died", why);
    };

    private final ServerCounters ntpCounters = new ServerCounters();
    private final NtpServer ntp = server(RateLimitSettings.off());
    private PortableUdpServer server;

    private NtpServer server(RateLimitSettings limits) {
        return new NtpServer(new ServerPolicy(-20, limits, new ToyMacAuthenticator()), () -> SERVING, ntpCounters,
                RecentClients.tenMinutes(1), () -> 3);
    }

    private PortableUdpServer start(List<ListenAddress> at, NtpServer ntp, UdpServer.LoopDeath death)
            throws ListenException {
        return PortableUdpServer.start(at, ntp, realtime, monotonic, death);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A version-4 client request of {@code length} bytes whose transmit timestamp is {@code tag}. */
    private static byte[] request(int length, long tag) {
        ByteBuffer b = ByteBuffer.allocate(length);
        if (length >= 48) {
            b.put(0, (byte) 0x23).putLong(40, tag);
        }
        return b.array();
    }

    private static byte[] keyed(int keyId, long tag) {
        return ToyMacAuthenticator.request(keyId, tag).array();
    }

    /** Sends and waits for one reply; null when none came within the timeout. */
    private static ByteBuffer exchange(ListenAddress to, byte[] request, int timeoutMillis) throws IOException {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(to.address(), 0))) {
            client.setSoTimeout(timeoutMillis);
            client.send(new DatagramPacket(request, request.length, to.socketAddress()));
            byte[] buf = new byte[1024];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                client.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return ByteBuffer.wrap(buf, 0, p.getLength()).slice();
        }
    }

    @Test
    void answersOnIpv4AndIpv6WithServedTimestampsAndTheReference() throws Exception {
        server = start(TestLoopback.ephemeral(), ntp, NO_DEATH);
        int sockets = TestLoopback.ephemeral().size();
        assertEquals(sockets, server.listening().size());
        for (ListenAddress at : server.listening()) {
            assertNotEquals(0, at.port(), "the kernel's port is reported");
            long before = hostNanos.get();
            ByteBuffer reply = exchange(at, request(48, 0x1122334455667788L), 5000);
            assertEquals(48, reply.remaining());
            assertEquals(0x1122334455667788L, TestServers.origin(reply), "the core saw the request bytes");
            long received = TestServers.t2(reply);
            long transmit = TestServers.t3(reply);
            assertTrue(received > before + SERVED_OFFSET - 1, "received is the served time of a fresh host reading");
            assertTrue(transmit > received, "transmit is read again after receive, right before the send");
            assertEquals(1, reply.get(1), "the reference snapshot's stratum");
        }
        assertEquals(sockets, server.counters().received());
        assertEquals(sockets, server.counters().replied());
    }

    @Test
    void servesEveryListenAddressAtOnce() throws Exception {
        server = start(List.of(ListenAddress.parse("127.0.0.1:0"),
                ListenAddress.parse("127.0.0.1:0"), ListenAddress.parse("127.0.0.1:0")), ntp, NO_DEATH);
        for (int round = 0; round < 3; round++) {
            for (ListenAddress at : server.listening()) {
                assertEquals(48, exchange(at, request(48, round), 5000).remaining());
            }
        }
        assertEquals(9, server.counters().replied());
    }

    @Test
    void aDropSendsNothingAndAFailingResponderDoesNotStopTheLoop() throws Exception {
        server = start(List.of(ListenAddress.parse("127.0.0.1:0")), ntp, NO_DEATH);
        ListenAddress at = server.listening().getFirst();
        assertNull(exchange(at, request(20, 0), 300), "too short: dropped, no reply");
        assertNull(exchange(at, keyed(ToyMacAuthenticator.THROWS, 0), 300), "the core threw: no reply");
        assertEquals(48, exchange(at, request(48, 5), 5000).remaining(), "still serving");
        assertEquals(3, server.counters().received());
        assertEquals(1, server.counters().replied());
        assertEquals(1, server.counters().handlerFailures());
    }

    @Test
    void aLoopKilledByAnErrorClosesItsSocketAndTellsTheOwner() throws Exception {
        CompletableFuture<ListenAddress> died = new CompletableFuture<>();
        server = start(List.of(ListenAddress.parse("127.0.0.1:0")), ntp, (where, why) -> died.complete(where));
        ListenAddress at = server.listening().getFirst();
        assertNull(exchange(at, keyed(ToyMacAuthenticator.FATAL, 0), 300));
        assertEquals(at, died.get(5, TimeUnit.SECONDS));
        try (DatagramSocket again = new DatagramSocket(at.socketAddress())) {
            assertEquals(at.port(), again.getLocalPort(), "the dead loop's socket was closed");
        }
    }

    @Test
    void portInUseNamesTheAddressAndLeavesNothingBound() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ListenAddress taken = new ListenAddress(squatter.getLocalAddress(), squatter.getLocalPort());
            // a free port, found by binding and releasing it
            int freePort;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                freePort = probe.getLocalPort();
            }
            ListenAddress free = ListenAddress.parse("127.0.0.1:" + freePort);
            ListenException e = assertThrows(ListenException.class,
                    () -> start(List.of(free, taken), ntp, NO_DEATH));
            assertEquals("cannot listen on " + taken + ": address already in use (another NTP server, or another"
                    + " Gnomon, is listening there)", e.getMessage());
            assertEquals(taken, e.address());
            // the first socket, bound before the failure, was closed again
            try (DatagramSocket again = new DatagramSocket(free.socketAddress())) {
                assertEquals(freePort, again.getLocalPort());
            }
        }
    }

    @Test
    void anAddressThisHostDoesNotHaveIsNamed() {
        ListenAddress elsewhere = ListenAddress.parse("192.0.2.1:12300"); // TEST-NET-1: never local
        ListenException e = assertThrows(ListenException.class,
                () -> start(List.of(elsewhere), ntp, NO_DEATH));
        assertEquals("cannot listen on 192.0.2.1:12300: no interface of this host has that address", e.getMessage());
    }

    @Test
    void closeStopsTheLoopsAndFreesThePorts() throws Exception {
        server = start(TestLoopback.ephemeral(), ntp, NO_DEATH);
        List<ListenAddress> at = server.listening();
        server.close();
        server.close(); // idempotent
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("ntp-udp ") && at.stream().anyMatch(a -> t.getName().endsWith(a.toString()))),
                "receive threads ended");
        for (ListenAddress a : at) {
            try (DatagramSocket again = new DatagramSocket(a.socketAddress())) {
                assertEquals(a.port(), again.getLocalPort());
            }
        }
        server = null;
    }

    @Test
    void aBurstFromOneSourceIsAnsweredWithKissOfDeathRate() throws Exception {
        // two requests per 10 s with no burst beyond that, KoD for every refusal, loopback limited too; the
        // limiter's clock stands still, so the third request is over the limit however fast it was sent
        RateLimitSettings strict = new RateLimitSettings(true, 64, 10_000_000_000L, 2, 1, true);
        server = start(List.of(ListenAddress.parse("127.0.0.1:0")), server(strict), NO_DEATH);
        ListenAddress at = server.listening().getFirst();
        try (DatagramSocket offender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            offender.setSoTimeout(5000);
            for (long tag = 1; tag <= 3; tag++) {
                byte[] req = request(48, tag);
                offender.send(new DatagramPacket(req, req.length, at.socketAddress()));
                byte[] buf = new byte[128];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                offender.receive(p);
                ByteBuffer reply = ByteBuffer.wrap(buf, 0, p.getLength()).slice();
                assertEquals(48, reply.remaining());
                assertEquals(tag, TestServers.origin(reply));
                if (tag < 3) {
                    assertEquals(1, reply.get(1), "within the burst: the time, stratum 1");
                } else {
                    assertEquals(0, reply.get(1), "over the limit: stratum 0, a kiss");
                    assertEquals(3, (reply.get(0) >> 6) & 3, "leap indicator 3");
                    assertEquals("RATE", new String(buf, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
                    assertEquals(tag, reply.getLong(40), "a KoD gives no time: the client's own timestamp");
                    assertTrue(reply.get(2) >= 4, "poll raised to the limiter's 10 s");
                }
            }
        }
        monotonicNanos.addAndGet(20_000_000_000L); // 20 s later the source is welcome again
        assertEquals(1, exchange(at, request(48, 9), 5000).get(1));
        assertEquals(1, ntpCounters.snapshot().kissOfDeathSent(), "counted by the server core");
        assertEquals(3, ntpCounters.snapshot().replies());
    }

    @Test
    void anAuthenticatedRequestGetsASealedReplyNoLongerThanItself() throws Exception {
        server = start(List.of(ListenAddress.parse("127.0.0.1:0")), ntp, NO_DEATH);
        ListenAddress at = server.listening().getFirst();
        ByteBuffer sealed = exchange(at, keyed(ToyMacAuthenticator.KEY, 77), 5000);
        assertEquals(ToyMacAuthenticator.REQUEST_LENGTH, sealed.remaining());
        assertEquals(ToyMacAuthenticator.KEY, sealed.getInt(48));
        long[] digest = ToyMacAuthenticator.digest(sealed, 0);
        assertEquals(digest[0], sealed.getLong(52), "sealed over the header as sent (after the restamp)");
        assertEquals(digest[1], sealed.getLong(60));
        ByteBuffer nak = exchange(at, keyed(99, 78), 5000);
        assertEquals(52, nak.remaining(), "unknown key: crypto-NAK, header and a zero key id");
        assertEquals(0, nak.getInt(48));
        assertNull(exchange(at, keyed(ToyMacAuthenticator.REJECTED, 79), 300), "rejected: no reply");
        assertEquals(1, ntpCounters.snapshot().dropped(DropReason.AUTH_FAILED));
    }
}
