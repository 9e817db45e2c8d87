package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestServers;
import io.gnomon.ntp.Authentication;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RateLimitSettings;
import io.gnomon.ntp.ToyMacAuthenticator;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Linux FFM path, live on loopback on this machine. */
class LinuxUdpServerTest {
    private static LinuxAbi abi;

    @BeforeAll
    static void onLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        abi = LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
    }

    private static LinuxUdpServer start(LinuxAbi abi, List<ListenAddress> at, NtpServer ntp,
                                        LinuxUdpSettings settings) throws Exception {
        return LinuxUdpServer.start(abi, at, ntp, settings, (where, why) -> {
            throw new AssertionError("receive loop for " + where + " died", why);
        });
    }

    /** Stratum 1, served time = host realtime, no rate limits. */
    private static NtpServer echo() {
        return TestServers.plain();
    }

    private static LinuxUdpSettings settings(int threads) {
        return new LinuxUdpSettings(threads, 16, LinuxUdpSettings.TransmitStamp.PREDICTED);
    }

    private static ByteBuffer request(long tag) {
        return TestServers.request(tag);
    }

    @Test
    void answersWithAKernelReceiveTimestampBetweenSendAndHandlingIpv4() throws Exception {
        answersWithKernelTimestamps("127.0.0.1");
    }

    @Test
    void answersWithAKernelReceiveTimestampBetweenSendAndHandlingIpv6() throws Exception {
        answersWithKernelTimestamps("::1");
    }

    private void answersWithKernelTimestamps(String host) throws Exception {
        ListenAddress listen = ListenAddress.parse(host.contains(":") ? "[" + host + "]:0" : host + ":0");
        try (LinuxUdpServer server = start(abi, List.of(listen), echo(),
                settings(1));
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            assertTrue(server.listening().getFirst().port() > 0);
            for (long tag = 1; tag <= 20; tag++) {
                ByteBuffer req = request(tag);
                long sent = client.nowNanos();
                client.send(req);
                ByteBuffer reply = client.receive();
                long back = client.nowNanos();
                assertNotNull(reply, "no reply to request " + tag);
                assertEquals(48, reply.remaining());
                assertEquals(tag, TestServers.origin(reply), "reply to the wrong request");
                long received = TestServers.t2(reply);
                long transmit = TestServers.t3(reply);
                // NTP timestamps resolve 0.23 ns: allow 1 ns of rounding
                assertTrue(sent - 1 <= received, "received " + received + " before sent " + sent);
                assertTrue(received <= transmit && transmit <= back + 1,
                        "transmit " + transmit + " outside [" + received + ", " + back + "]");
            }
            assertEquals(0, server.pathCounters().userspaceStamps(), "every datagram had a kernel timestamp");
            assertEquals(20, server.counters().replied());
        }
    }

    @Test
    void shortDatagramsGetNoReplyAndTheServerGoesOn() throws Exception {
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")),
                echo(), settings(1));
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            client.send(ByteBuffer.allocate(10));
            client.send(request(7));
            ByteBuffer reply = client.receive();
            assertNotNull(reply);
            assertEquals(7, TestServers.origin(reply));
        }
    }

    @Test
    void severalReusePortThreadsAllAnswerAndCloseStopsThem() throws Exception {
        LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), echo(),
                settings(3));
        InetSocketAddress to = server.listening().getFirst().socketAddress();
        Set<Long> answered = new HashSet<>();
        for (long tag = 1; tag <= 30; tag++) {
            try (LoopbackClient client = new LoopbackClient(to, null)) { // a new source port each time
                client.send(request(tag));
                ByteBuffer reply = client.receive();
                assertNotNull(reply, "no reply to " + tag);
                answered.add(TestServers.origin(reply));
            }
        }
        assertEquals(30, answered.size());
        long before = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ntp-linux " + server.listening().getFirst())).count();
        assertEquals(3, before, "one thread per SO_REUSEPORT socket");
        server.close();
        long after = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ntp-linux " + server.listening().getFirst()) && t.isAlive())
                .count();
        assertEquals(0, after, "close() ends every receive loop");
    }

    @Test
    void anOffenderGetsKissOfDeathRateWhileAnotherClientIsStillServed() throws Exception {
        RateLimitSettings strict = new RateLimitSettings(true, 64, 10_000_000_000L, 2, 1, true);
        NtpServer ntp = TestServers.server(strict, new Authentication.Off());
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), ntp, settings(1))) {
            InetSocketAddress to = server.listening().getFirst().socketAddress();
            try (LoopbackClient offender = new LoopbackClient(to, new InetSocketAddress("127.0.0.2", 0));
                 LoopbackClient polite = new LoopbackClient(to, new InetSocketAddress("127.0.0.3", 0))) {
                for (long tag = 1; tag <= 2; tag++) {
                    offender.send(request(tag));
                    ByteBuffer r = offender.receive();
                    assertNotNull(r);
                    assertEquals(1, r.get(1), "within the burst: a normal answer, stratum 1");
                }
                offender.send(request(3));
                ByteBuffer kiss = offender.receive();
                assertNotNull(kiss, "over the limit: a KoD; " + server);
                assertEquals(48, kiss.remaining());
                assertEquals(3, (kiss.get(0) >> 6) & 3, "leap indicator 3");
                assertEquals(4, kiss.get(0) & 7, "mode 4");
                assertEquals(0, kiss.get(1), "stratum 0");
                assertEquals("RATE", new String(new byte[] {kiss.get(12), kiss.get(13), kiss.get(14), kiss.get(15)},
                        java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals(3, kiss.getLong(24), "origin echoes the request's transmit timestamp");
                assertEquals(4, kiss.get(2), "poll raised to the limiter's 10 s");

                polite.send(request(100));
                ByteBuffer served = polite.receive();
                assertNotNull(served);
                assertEquals(100, TestServers.origin(served), "another client is still answered normally");
                assertEquals(1, served.get(1), "stratum 1");
                assertEquals(1, ntp.counters().snapshot().kissOfDeathSent(), "counted by the NTP core");
            }
        }
    }

    @Test
    void loopbackIsExemptUnlessAskedFor() throws Exception {
        RateLimitSettings strictButExempt = new RateLimitSettings(true, 64, 10_000_000_000L, 1, 1, false);
        NtpServer ntp = TestServers.server(strictButExempt, new Authentication.Off());
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), ntp, settings(1));
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            for (long tag = 1; tag <= 5; tag++) {
                client.send(request(tag));
                ByteBuffer r = client.receive();
                assertNotNull(r);
                assertEquals(tag, TestServers.origin(r));
                assertEquals(1, r.get(1), "the time, not a kiss");
            }
            var counted = ntp.counters().snapshot();
            assertEquals(0, counted.kissOfDeathSent() + counted.dropped(io.gnomon.ntp.DropReason.RATE_LIMITED));
        }
    }

    @Test
    void theLiveProbePassesOnThisMachine() {
        assertNull(SocketPaths.probe(abi).orElse(null));
    }

    @Test
    void theRealResponderAnswersThroughTheLinuxPathWithKernelReceiveTimestamps() throws Exception {
        NtpServer ntp = TestServers.server(RateLimitSettings.standard(), new Authentication.Off());
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), ntp, settings(1));
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            for (int k = 0; k < 10; k++) {
                long t1 = client.nowNanos();
                ByteBuffer req = ByteBuffer.allocate(48);
                req.put(0, (byte) 0x23);
                long origin = 0x1234_5678_9abc_def0L + k;
                req.putLong(40, origin);
                client.send(req);
                ByteBuffer reply = client.receive();
                long t4 = client.nowNanos();
                assertNotNull(reply);
                assertEquals(48, reply.remaining());
                assertEquals(4, reply.get(0) & 7, "mode 4");
                assertEquals(1, reply.get(1), "stratum 1");
                assertEquals(origin, reply.getLong(24), "origin echoes the request's transmit timestamp");
                long t2 = unixNanos(reply.getLong(32));
                long t3 = unixNanos(reply.getLong(40));
                // NTP timestamps resolve 0.23 ns: allow 1 ns of rounding
                assertTrue(t1 - 1 <= t2 && t2 <= t3 && t3 <= t4 + 1,
                        "T1 " + t1 + " <= T2 " + t2 + " <= T3 " + t3 + " <= T4 " + t4);
            }
            assertEquals(0, server.pathCounters().userspaceStamps());
            assertEquals(10, ntp.counters().snapshot().replies());
        }
    }

    @Test
    void aBurstAnsweredInBatchesGetsTransmitTimestampsSetAgainBeforeEachSend() throws Exception {
        LinuxUdpSettings batched = new LinuxUdpSettings(1, 64, LinuxUdpSettings.TransmitStamp.PREDICTED,
                1, 8, 1, 100_000, 1 << 20); // every send sampled, gather pauses on
        int burst = 200;
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), echo(), batched);
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            long t1 = client.nowNanos();
            for (int k = 0; k < burst; k++) {
                ByteBuffer req = ByteBuffer.allocate(48);
                req.put(0, (byte) 0x23);
                req.putLong(40, 1000 + k);
                client.send(req);
            }
            Set<Long> answered = new HashSet<>();
            for (int k = 0; k < burst; k++) {
                ByteBuffer reply = client.receive();
                long t4 = client.nowNanos();
                assertNotNull(reply, "reply " + k + " of " + burst);
                long t2 = unixNanos(reply.getLong(32));
                long t3 = unixNanos(reply.getLong(40));
                assertTrue(t1 - 1 <= t2 && t2 <= t3 && t3 <= t4 + 1,
                        "T1 " + t1 + " <= T2 " + t2 + " <= T3 " + t3 + " <= read " + t4);
                answered.add(reply.getLong(24));
            }
            assertEquals(burst, answered.size(), "each request answered once, origin echoed");
        }
    }

    @Test
    void onAWildcardSocketEachReplyLeavesFromTheAddressTheRequestWasSentTo() throws Exception {
        // every send sampled: the source-address message and the transmit-timestamp request go out together
        LinuxUdpSettings sampled = new LinuxUdpSettings(1, 16, LinuxUdpSettings.TransmitStamp.PREDICTED, 1, 8);
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("0.0.0.0:0")), echo(), sampled);
             java.nio.channels.DatagramChannel client = java.nio.channels.DatagramChannel.open()) {
            int port = server.listening().getFirst().port();
            client.bind(new InetSocketAddress("127.0.0.1", 0));
            for (String to : List.of("127.0.0.2", "127.0.0.3", "127.0.0.1", "127.0.0.3")) {
                InetSocketAddress destination = new InetSocketAddress(to, port);
                ByteBuffer req = request(to.hashCode());
                client.send(req, destination);
                ByteBuffer reply = ByteBuffer.allocate(64);
                java.net.SocketAddress from = receiveWithin(client, reply);
                assertEquals(destination, from, "the reply to a request sent to " + to + " came from " + from);
                assertEquals(to.hashCode(), reply.getLong(24));
            }
        }
    }

    @Test
    void onADualStackWildcardSocketIpv6AndIpv4MappedRequestsAreAnswered() throws Exception {
        // [::] gets IPV6_PKTINFO: a native ::1 request is answered from ::1 through it; an IPv4 request
        // (IPv4-mapped on this socket) carries no source message and the kernel picks the source
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("[::]:0")), echo(),
                new LinuxUdpSettings(1, 16, LinuxUdpSettings.TransmitStamp.PREDICTED, 1, 8));
             java.nio.channels.DatagramChannel v6 = java.nio.channels.DatagramChannel.open(
                     java.net.StandardProtocolFamily.INET6);
             java.nio.channels.DatagramChannel v4 = java.nio.channels.DatagramChannel.open(
                     java.net.StandardProtocolFamily.INET)) {
            int port = server.listening().getFirst().port();
            InetSocketAddress six = new InetSocketAddress("::1", port);
            v6.send(request(61), six);
            ByteBuffer reply = ByteBuffer.allocate(64);
            assertEquals(six, receiveWithin(v6, reply));
            assertEquals(61, reply.getLong(24));
            v4.send(request(41), new InetSocketAddress("127.0.0.1", port));
            ByteBuffer reply4 = ByteBuffer.allocate(64);
            assertNotNull(receiveWithin(v4, reply4));
            assertEquals(41, reply4.getLong(24));
        }
    }

    @Test
    void sealedRepliesLongerThanAHeaderGoThroughBatchesAndAreStampedAndSealedAgainBeforeEachSend() throws Exception {
        ToyMacAuthenticator toy = new ToyMacAuthenticator();
        NtpServer ntp = TestServers.server(RateLimitSettings.off(), toy);
        LinuxUdpSettings batched = new LinuxUdpSettings(1, 64, LinuxUdpSettings.TransmitStamp.PREDICTED,
                1, 8, 1, 100_000, 1 << 20); // every send sampled, gather pauses on
        int burst = 200;
        try (LinuxUdpServer server = start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), ntp, batched);
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            long t1 = client.nowNanos();
            for (int k = 0; k < burst; k++) {
                // every fourth a plain 48-byte request, so long and short replies share batches and sends
                client.send(k % 4 == 0 ? request(5000 + k) : ToyMacAuthenticator.request(ToyMacAuthenticator.KEY, 5000 + k));
            }
            Set<Long> answered = new HashSet<>();
            for (int k = 0; k < burst; k++) {
                ByteBuffer reply = client.receive();
                long t4 = client.nowNanos();
                assertNotNull(reply, "reply " + k + " of " + burst);
                long tag = TestServers.origin(reply);
                boolean keyed = (tag - 5000) % 4 != 0;
                assertEquals(keyed ? ToyMacAuthenticator.REQUEST_LENGTH : 48, reply.remaining(), "reply " + tag);
                long t2 = TestServers.t2(reply);
                long t3 = TestServers.t3(reply);
                assertTrue(t1 - 1 <= t2 && t2 <= t3 && t3 <= t4 + 1,
                        "T1 " + t1 + " <= T2 " + t2 + " <= T3 " + t3 + " <= read " + t4);
                if (keyed) {
                    long[] digest = ToyMacAuthenticator.digest(reply, 0);
                    assertEquals(digest[0], reply.getLong(52), "the MAC covers the header as sent, T3 included");
                    assertEquals(digest[1], reply.getLong(60));
                }
                answered.add(tag);
            }
            assertEquals(burst, answered.size(), "each request answered once, origin echoed");
            assertEquals(burst - burst / 4, toy.resealed, "every sealed reply was stamped and sealed again");
        }
    }

    private static java.net.SocketAddress receiveWithin(java.nio.channels.DatagramChannel channel, ByteBuffer into)
            throws Exception {
        channel.configureBlocking(false);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.net.SocketAddress from = channel.receive(into);
            if (from != null) {
                return from;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no reply within 2 s");
    }

    private static long unixNanos(long ntp) {
        return TestServers.unixNanos(ntp);
    }
}
