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
