package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gather pause as a function of the batches' sizes and kernel receive timestamps. */
class GatherPolicyTest {
    private static final long T0 = 1_764_072_000_000_000_000L;

    /** Feeds batches of {@code n} datagrams arriving every {@code gap} ns; returns the last decision. */
    private static long steady(GatherPolicy p, int batches, int n, long gap, long[] clock) {
        long wait = 0;
        for (int i = 0; i < batches; i++) {
            clock[0] += n * gap;
            wait = p.afterBatch(n, clock[0]);
        }
        return wait;
    }

    @Test
    void aHighSteadyRateOfSmallBatchesGetsAPauseSizedToGatherTheTargetBatch() {
        GatherPolicy p = new GatherPolicy(100_000, 8, 16);
        long[] clock = {T0};
        // 50k/s, 2 per batch: a pause of 8 gaps (160 µs) is capped at 100 µs
        long wait = steady(p, 50, 2, 20_000, clock);
        assertEquals(100_000, wait);
        assertEquals(20_000, p.meanGapNanos(), 500);
        // faster (5 µs apart): 8 gaps = 40 µs is enough
        assertEquals(40_000, steady(p, 50, 3, 5_000, clock), 1_000);
    }

    @Test
    void aLowRateNeverPauses() {
        GatherPolicy p = new GatherPolicy(50_000, 8, 16);
        long[] clock = {T0};
        // 10k/s: a 50 µs pause would gather half a datagram
        assertEquals(0, steady(p, 200, 1, 100_000, clock));
        assertEquals(0, p.pauses());
    }

    @Test
    void aDeepBatchNeedsNoPause() {
        GatherPolicy p = new GatherPolicy(100_000, 8, 16);
        long[] clock = {T0};
        assertEquals(0, steady(p, 50, 64, 1_000, clock));
    }

    @Test
    void zeroMaximumMeansNeverPause() {
        GatherPolicy p = new GatherPolicy(0, 8, 16);
        long[] clock = {T0};
        assertEquals(0, steady(p, 100, 2, 10_000, clock));
        assertEquals(0, p.pauses());
    }

    @Test
    void pausesThatGatherNothingBackOffExponentiallyOneInFlightIsLeftAlone() {
        // one request in flight, answered in 10 µs: a 100 µs pause looks worth it by the rate, but after it
        // only the one request is ever waiting (the client waits for the reply)
        GatherPolicy p = new GatherPolicy(100_000, 8, 16);
        long clock = T0;
        int paused = 0;
        int batches = 20_000;
        for (int i = 0; i < batches; i++) {
            long wait = p.afterBatch(1, clock);
            if (wait > 0) {
                paused++;
            }
            clock += 10_000 + wait; // the next request arrives one round trip after the reply
        }
        assertTrue(paused > 0, "the rate alone suggests trying");
        assertTrue(paused <= batches / 1000, paused + " of " + batches + " requests delayed");
        assertEquals(p.pauses(), p.failedPauses());
    }

    @Test
    void aPauseThatPaidResetsTheBackoff() {
        GatherPolicy p = new GatherPolicy(100_000, 8, 16);
        long clock = T0;
        long wait = 0;
        for (int i = 0; i < 20; i++) { // 50k/s, pairs: every pause gathers two
            clock += 40_000;
            wait = p.afterBatch(2, clock);
        }
        assertTrue(wait > 0);
        assertEquals(0, p.failedPauses());
        clock += 20_000;
        assertEquals(0, p.afterBatch(1, clock), "that pause gathered one: it did not pay");
        for (int i = 0; i < GatherPolicy.MIN_BACKOFF; i++) {
            clock += 40_000;
            assertEquals(0, p.afterBatch(2, clock), "backing off, batch " + i);
        }
        clock += 40_000;
        assertTrue(p.afterBatch(2, clock) > 0, "tries again after the backoff");
        clock += 100_000;
        assertTrue(p.afterBatch(5, clock) > 0, "that pause gathered 5: keep pausing");
        clock += 20_000;
        assertEquals(0, p.afterBatch(1, clock));
        for (int i = 0; i < GatherPolicy.MIN_BACKOFF; i++) {
            clock += 40_000;
            p.afterBatch(2, clock);
        }
        clock += 40_000;
        assertTrue(p.afterBatch(2, clock) > 0, "the backoff was back at its minimum");
        assertEquals(2, p.failedPauses());
    }

    @Test
    void unstampedBatchesAndClockStepsDoNotBreakTheEstimate() {
        GatherPolicy p = new GatherPolicy(100_000, 8, 16);
        long[] clock = {T0};
        steady(p, 50, 2, 20_000, clock);
        p.afterBatch(2, 0); // no kernel timestamp: rate unchanged
        assertEquals(20_000, p.meanGapNanos(), 1_000);
        clock[0] -= 3_600_000_000_000L; // the realtime clock stepped back an hour: a gap of 0, not negative
        p.afterBatch(2, clock[0]);
        assertTrue(p.meanGapNanos() >= 0);
        clock[0] += 3_600_000_000_000L * 2; // and forward two: clipped to idleness
        p.afterBatch(2, clock[0]);
        assertTrue(p.meanGapNanos() <= GatherPolicy.MAX_GAP_NANOS);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new GatherPolicy(-1, 8, 16));
        assertThrows(IllegalArgumentException.class, () -> new GatherPolicy(1, 0, 16));
    }
}
