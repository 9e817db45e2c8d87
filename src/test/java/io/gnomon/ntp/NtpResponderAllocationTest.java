package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.UtcTime;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A handled datagram allocates nothing in the responder (the clocks' own UtcTime aside). */
class NtpResponderAllocationTest {

    static final int CALLS = 100_000;

    @Test
    void handlingRepliesAndDropsAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        NtpResponder responder = new NtpResponder(-20, new ServerCounters());
        ByteBuffer reply = ByteBuffer.allocateDirect(48);
        ByteBuffer[] requests = {
                TestRequests.client(4, 0x1234L).asReadOnlyBuffer(),
                TestRequests.request(3, 3, 6, 1, 24),
                TestRequests.request(2, 7, 0, 0, 0),
                ByteBuffer.allocate(12)};
        UtcTime received = NtpResponderTest.RECEIVED;
        ReferenceSnapshot ref = NtpResponderTest.SYNCED;
        TransmitClock transmit = () -> received;

        long sink = run(responder, requests, received, ref, transmit, reply); // warm up
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        sink += run(responder, requests, received, ref, transmit, reply);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;

        System.out.printf("NtpResponder: %d bytes allocated over %d handled datagrams (%s)%n", allocated, CALLS, sink);
        assertTrue(allocated < CALLS / 10, allocated + " bytes over " + CALLS + " calls");
    }

    /**
     * The nanosecond overload with a transmit clock that answers in nanoseconds: a fresh reading every call and
     * no time value made anywhere, so nothing reaches the heap even where the JIT does not inline the responder.
     */
    @Test
    void theNanosecondOverloadAllocatesNothingEvenWithAFreshTransmitReadingPerCall() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        NtpResponder responder = new NtpResponder(-20, new ServerCounters());
        ByteBuffer reply = ByteBuffer.allocateDirect(48);
        ByteBuffer request = TestRequests.client(4, 0x1234L);
        ReferenceSnapshot ref = NtpResponderTest.SYNCED;
        long received = NtpResponderTest.RECEIVED.epochNanos();
        TickingClock transmit = new TickingClock(received + 1_000);

        long sink = runNanos(responder, request, received, ref, transmit, reply); // warm up
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        sink += runNanos(responder, request, received, ref, transmit, reply);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;

        System.out.printf("NtpResponder (nanos): %d bytes allocated over %d handled datagrams (%s)%n",
                allocated, CALLS, sink);
        assertTrue(allocated < CALLS / 10, allocated + " bytes over " + CALLS + " calls");
        assertTrue(transmit.readings == 2L * CALLS, "the transmit clock is read once per reply");
    }

    /** A transmit clock whose nanosecond reading moves on by 1 µs per call; {@link #now()} is never needed. */
    private static final class TickingClock implements TransmitClock {
        private long next;
        long readings;

        TickingClock(long start) {
            next = start;
        }

        @Override
        public UtcTime now() {
            throw new AssertionError("the nanosecond overload reads nowUtcNanos()");
        }

        @Override
        public long nowUtcNanos() {
            readings++;
            next += 1_000;
            return next;
        }
    }

    private static long runNanos(NtpResponder responder, ByteBuffer request, long received, ReferenceSnapshot ref,
                                 TickingClock transmit, ByteBuffer reply) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            if (responder.handle(request, received, ref, transmit, reply) instanceof ServerAction.Respond) {
                sum += reply.getLong(NtpPacket.OFFSET_TRANSMIT_TIME) & 1;
            }
        }
        return sum;
    }

    private static long run(NtpResponder responder, ByteBuffer[] requests, UtcTime received, ReferenceSnapshot ref,
                            TransmitClock transmit, ByteBuffer reply) {
        long responded = 0;
        for (int i = 0; i < CALLS; i++) {
            ServerAction a = responder.handle(requests[i & 3], received, ref, transmit, reply);
            if (a instanceof ServerAction.Respond) {
                responded++;
            }
        }
        return responded;
    }
}
