package io.gnomon.adapter.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
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
    private final ServedClock served = new ServedClock() {
        @Override
        public UtcTime now() {
            return fromRealtime(realtime.now());
        }

        @Override
        public UtcTime fromRealtime(RealtimeTime hostTime) {
            return new UtcTime(hostTime.epochNanos() + SERVED_OFFSET);
        }
    };
    private static final NtpServer.LoopDeath NO_DEATH = (where, why) -> {
        throw new AssertionError("loop on " + where + " died", why);
    };

    private final FakeResponder responder = new FakeResponder();
    private final NtpExchange exchange = new NtpExchange(responder, () -> REFERENCE, served);
    private PortableUdpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] request(int length, long firstWord) {
        return ByteBuffer.allocate(length).putLong(0, firstWord).array();
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
        server = PortableUdpServer.start(TestLoopback.ephemeral(), exchange, realtime, NO_DEATH);
        int sockets = TestLoopback.ephemeral().size();
        assertEquals(sockets, server.listening().size());
        for (ListenAddress at : server.listening()) {
            assertNotEquals(0, at.port(), "the kernel's port is reported");
            long before = hostNanos.get();
            ByteBuffer reply = exchange(at, request(48, 0x1122334455667788L), 5000);
            assertEquals(48, reply.remaining());
            assertEquals(0x1122334455667788L, reply.getLong(0), "the responder saw the request bytes");
            long received = reply.getLong(8);
            long transmit = reply.getLong(16);
            assertTrue(received > before + SERVED_OFFSET, "received is the served time of a fresh host reading");
            assertTrue(transmit > received, "transmit is read after receive");
            assertEquals(1, reply.get(24), "the reference snapshot reached the responder");
        }
        assertEquals(REFERENCE, responder.lastReference.get());
        assertEquals(sockets, server.counters().received());
        assertEquals(sockets, server.counters().replied());
    }

    @Test
    void servesEveryListenAddressAtOnce() throws Exception {
        server = PortableUdpServer.start(List.of(ListenAddress.parse("127.0.0.1:0"),
                ListenAddress.parse("127.0.0.1:0"), ListenAddress.parse("127.0.0.1:0")), exchange, realtime, NO_DEATH);
        for (int round = 0; round < 3; round++) {
            for (ListenAddress at : server.listening()) {
                assertEquals(48, exchange(at, request(60, round), 5000).remaining());
            }
        }
        assertEquals(9, server.counters().replied());
    }

    @Test
    void aDropSendsNothingAndAFailingResponderDoesNotStopTheLoop() throws Exception {
        server = PortableUdpServer.start(List.of(ListenAddress.parse("127.0.0.1:0")), exchange, realtime, NO_DEATH);
        ListenAddress at = server.listening().getFirst();
        assertNull(exchange(at, request(20, 0), 300), "too short: dropped, no reply");
        byte[] poison = request(48, 0);
        poison[0] = 0x7f;
        assertNull(exchange(at, poison, 300), "responder threw: no reply");
        assertEquals(48, exchange(at, request(48, 5), 5000).remaining(), "still serving");
        assertEquals(3, server.counters().received());
        assertEquals(1, server.counters().replied());
        assertEquals(1, server.counters().handlerFailures());
    }

    @Test
    void aLoopKilledByAnErrorClosesItsSocketAndTellsTheOwner() throws Exception {
        CompletableFuture<ListenAddress> died = new CompletableFuture<>();
        server = PortableUdpServer.start(List.of(ListenAddress.parse("127.0.0.1:0")), exchange, realtime,
                (where, why) -> died.complete(where));
        ListenAddress at = server.listening().getFirst();
        byte[] fatal = request(48, 0);
        fatal[0] = 0x7e;
        assertNull(exchange(at, fatal, 300));
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
                    () -> PortableUdpServer.start(List.of(free, taken), exchange, realtime, NO_DEATH));
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
                () -> PortableUdpServer.start(List.of(elsewhere), exchange, realtime, NO_DEATH));
        assertEquals("cannot listen on 192.0.2.1:12300: no interface of this host has that address", e.getMessage());
    }

    @Test
    void closeStopsTheLoopsAndFreesThePorts() throws Exception {
        server = PortableUdpServer.start(TestLoopback.ephemeral(), exchange, realtime, NO_DEATH);
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
}
