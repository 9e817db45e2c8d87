package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.RealtimeTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PpsPumpTest {

    /** Hands out queued readings; NoEdge after a short wait when the queue is empty. */
    private static final class QueueSource implements PpsSource {
        final LinkedBlockingQueue<PpsReading> queue = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override public String device() { return "test"; }
        @Override public String clockDomain() { return "CLOCK_REALTIME"; }
        @Override public PpsReading next(Duration timeout) throws InterruptedException {
            if (closed) {
                return new PpsReading.Unavailable(PpsFault.CLOSED, "test");
            }
            PpsReading r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return r == null ? new PpsReading.NoEdge() : r;
        }
        @Override public void close() { closed = true; }
    }

    @Test
    void edgesGoToTheConsumerAndEverythingElseIsCounted() throws Exception {
        var src = new QueueSource();
        List<PpsEdge> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        var e1 = new PpsEdge(1, new RealtimeTime(1_000_000_000L));
        var e2 = new PpsEdge(2, new RealtimeTime(2_000_000_000L));
        src.queue.addAll(List.of(
                new PpsReading.Unavailable(PpsFault.NO_DEVICE, "test: no"),
                new PpsReading.Unavailable(PpsFault.NO_DEVICE, "test: no"),
                new PpsReading.Garbled("x"),
                new PpsReading.Edge(e1),
                new PpsReading.Edge(e2)));
        try (var pump = new PpsPump(src, e -> { seen.add(e); two.countDown(); },
                Duration.ofMillis(20), Duration.ofMillis(1)).start()) {
            assertTrue(two.await(10, TimeUnit.SECONDS));
            var c = pump.counts();
            assertEquals(2, c.edges());
            assertEquals(1, c.garbled());
            assertEquals(2L, c.faults().get(PpsFault.NO_DEVICE));
        }
        assertEquals(List.of(e1, e2), seen);
        assertTrue(src.closed);
    }
}
