package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** All request policy in one place, without sockets: rate limits, authentication, reply length, restamping. */
class NtpServerCoreTest {
    /** Served time = host time + 1 s, so the conversion shows. */
    private static final long OFFSET = 1_000_000_000L;
    private static final long HOST = 1_800_000_000_000_000_000L;
    private static final ServingState SERVING = new ServingState() {
        @Override
        public ReferenceSnapshot snapshot() {
            return NtpResponderTest.SYNCED;
        }

        @Override
        public long servedUtcNanos(long realtimeNanos) {
            return realtimeNanos + OFFSET;
        }
    };

    private final ServerCounters counters = new ServerCounters();
    private final RecentClients clients = RecentClients.tenMinutes(1);
    private final ByteBuffer reply = ByteBuffer.allocate(2048);

    private NtpServerCore core(RateLimitSettings limits, Authentication auth) {
        return new NtpServer(new ServerPolicy(-20, limits, auth), () -> SERVING, counters, clients, () -> 9).newCore();
    }

    private ServerAction handle(NtpServerCore core, ByteBuffer request, long client, long monotonic) {
        return core.handle(request, client, false, HOST, monotonic, HOST + 500, reply.clear());
    }

    @Test
    void aPlainRequestGetsTheTimeInServedUtcAndIsCountedWithItsClient() {
        NtpServerCore core = core(RateLimitSettings.standard(), new Authentication.Off());
        ServerAction action = handle(core, TestRequests.client(4, 0x42), 7, 0);
        assertEquals(new ServerAction.Respond(48, true), action);
        NtpPacket p = NtpPacket.decode(reply.duplicate().limit(48));
        assertEquals(NtpTimestamp.bitsOfUtcNanos(HOST + OFFSET), p.receiveTime().bits());
        assertEquals(NtpTimestamp.bitsOfUtcNanos(HOST + 500 + OFFSET), p.transmitTime().bits());
        assertEquals(0x42, p.originTime().bits());
        assertEquals(1, counters.snapshot().replies());
        assertEquals(1, clients.estimate(new io.gnomon.time.MonotonicTime(1)).clients());
    }

    @Test
    void restampWritesTheLaterDepartureInServedUtcAndNothingElse() {
        NtpServerCore core = core(RateLimitSettings.off(), new Authentication.Off());
        handle(core, TestRequests.client(4, 0x42), 7, 0);
        ByteBuffer before = ByteBuffer.allocate(48).put(0, reply, 0, 48);
        core.restamp(reply, 48, HOST + 9_000);
        assertEquals(NtpTimestamp.bitsOfUtcNanos(HOST + 9_000 + OFFSET), reply.getLong(40));
        assertEquals(before.slice(0, 40), reply.slice(0, 40));
    }

    @Test
    void aBurstFromOneClientGetsKissOfDeathRateThenSilenceWhileAnotherIsServed() {
        // 2 requests per 10 s, one refusal in two kissed; loopback exemption does not apply (not loopback)
        NtpServerCore core = core(new RateLimitSettings(true, 64, 10_000_000_000L, 2, 2, false),
                new Authentication.Off());
        assertEquals(new ServerAction.Respond(48, true), handle(core, TestRequests.client(4, 1), 7, 0));
        assertEquals(new ServerAction.Respond(48, true), handle(core, TestRequests.client(4, 2), 7, 0));
        ServerAction kiss = handle(core, TestRequests.client(4, 3), 7, 0);
        assertEquals(new ServerAction.Respond(48, false), kiss, "a KoD is never restamped: it gives no time");
        NtpPacket k = NtpPacket.decode(reply.duplicate().limit(48));
        assertEquals(0, k.stratum());
        assertEquals("RATE", k.refId().ascii().strip());
        assertTrue(k.poll() >= 4, "poll raised to at least the 10 s interval (2^4 s)");
        assertEquals(new ServerAction.Ignore(DropReason.RATE_LIMITED), handle(core, TestRequests.client(4, 4), 7, 0));
        assertEquals(new ServerAction.Respond(48, true), handle(core, TestRequests.client(4, 5), 8, 0), "another");
        assertEquals(new ServerAction.Respond(48, true), handle(core, TestRequests.client(4, 6), 7, 20_000_000_000L),
                "20 s later the first is welcome again");
        ServerCounters.Snapshot s = counters.snapshot();
        assertEquals(6, s.requests());
        assertEquals(4, s.replies());
        assertEquals(1, s.kissOfDeathSent());
        assertEquals(1, s.dropped(DropReason.RATE_LIMITED));
        assertEquals(new NtpServer.RateTable(2, 64), rateTable(core));
    }

    private NtpServer.RateTable rateTable(NtpServerCore core) {
        return new NtpServer.RateTable(core.rateTableEntries(), core.rateTableCapacity());
    }

    @Test
    void loopbackIsExemptUnlessTheLimitsSayOtherwise() {
        NtpServerCore core = core(new RateLimitSettings(true, 64, 10_000_000_000L, 1, 1, false),
                new Authentication.Off());
        for (int i = 0; i < 5; i++) {
            assertEquals(new ServerAction.Respond(48, true),
                    core.handle(TestRequests.client(4, i), 7, true, HOST, 0, HOST, reply.clear()));
        }
    }

    @Test
    void authenticatedRequestsAreSealedAndNeverAnsweredWithMoreBytesThanTheyHad() {
        ToyMacAuthenticator toy = new ToyMacAuthenticator();
        NtpServerCore core = core(RateLimitSettings.off(), toy);
        assertEquals(new ServerAction.Respond(68, true), handle(core, ToyMacAuthenticator.request(7, 1), 1, 0));
        assertEquals(7, reply.getInt(48));
        long[] d = ToyMacAuthenticator.digest(reply, 0);
        assertEquals(d[0], reply.getLong(52));
        core.restamp(reply, 68, HOST + 77_000);
        assertEquals(NtpTimestamp.bitsOfUtcNanos(HOST + 77_000 + OFFSET), reply.getLong(40));
        assertEquals(ToyMacAuthenticator.digest(reply, 0)[0], reply.getLong(52), "sealed again over the new T3");
        assertEquals(1, toy.resealed);

        assertEquals(new ServerAction.Respond(52, true), handle(core, ToyMacAuthenticator.request(99, 2), 1, 0),
                "unknown key: crypto-NAK");
        assertEquals(0, reply.getInt(48));
        assertEquals(new ServerAction.Ignore(DropReason.AUTH_FAILED),
                handle(core, ToyMacAuthenticator.request(ToyMacAuthenticator.REJECTED, 3), 1, 0));
        assertEquals(new ServerAction.Respond(48, true), handle(core, TestRequests.client(4, 4), 1, 0),
                "a bare header never reaches the authenticator");
        assertEquals(3, toy.verified);
        assertEquals(1, counters.snapshot().dropped(DropReason.AUTH_FAILED));
        assertEquals(4, counters.snapshot().requests(), "each counted once: sealed, NAK, rejected, plain");
    }

    @Test
    void aSealLongerThanTheRequestIsABugNotAReply() {
        Authenticator greedy = new ToyMacAuthenticator() {
            @Override
            public int seal(ByteBuffer r, int maxLength) {
                return maxLength + 4;
            }
        };
        NtpServerCore core = core(RateLimitSettings.off(), greedy);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> handle(core, ToyMacAuthenticator.request(7, 1), 1, 0));
        assertTrue(e.getMessage().contains("never longer than the request"), e.getMessage());
    }

    @Test
    void anUnresealableAuthenticatorsRepliesAreNotRestamped() {
        Authenticator once = new ToyMacAuthenticator() {
            @Override
            public boolean resealable() {
                return false;
            }
        };
        ServerAction a = handle(core(RateLimitSettings.off(), once), ToyMacAuthenticator.request(7, 1), 1, 0);
        assertEquals(new ServerAction.Respond(68, false), a);
        assertFalse(((ServerAction.Respond) a).restampable());
    }

    @Test
    void thePlainPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        NtpServerCore core = core(RateLimitSettings.standard(), new Authentication.Off());
        ByteBuffer out = ByteBuffer.allocateDirect(48);
        ByteBuffer[] requests = {TestRequests.client(4, 0x1234L), TestRequests.request(2, 7, 0, 0, 0),
                ByteBuffer.allocate(12)};
        long sink = run(core, requests, out); // warm up
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        sink += run(core, requests, out);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        System.out.printf("NtpServerCore: %d bytes allocated over %d datagrams (%s)%n", allocated,
                NtpResponderAllocationTest.CALLS, sink);
        assertTrue(allocated < NtpResponderAllocationTest.CALLS / 10, allocated + " bytes");
    }

    private static long run(NtpServerCore core, ByteBuffer[] requests, ByteBuffer out) {
        long sink = 0;
        for (int i = 0; i < NtpResponderAllocationTest.CALLS; i++) {
            ByteBuffer request = requests[i % requests.length];
            // the clients keep to the average: one request per 2 s each, over 64 clients
            ServerAction a = core.handle(request, i & 63, false, HOST + i, i * 32_000_000_000L / 64, HOST + i, out);
            if (a instanceof ServerAction.Respond(int length, boolean restampable) && restampable) {
                core.restamp(out, length, HOST + i + 10);
                sink += length;
            }
        }
        return sink;
    }
}
