package io.gnomon.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.pps.PpsIntervalStats.Kind;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import org.junit.jupiter.api.Test;

class PpsIntervalStatsTest {

    private static final long S = 1_000_000_000L;

    private static PpsEdge rt(long seq, long nanos) {
        return new PpsEdge(seq, new RealtimeTime(nanos));
    }

    @Test
    void meanAndJitterOfOneSecondIntervals() {
        var stats = new PpsIntervalStats();
        long t0 = 1_764_000_000L * S;
        // intervals: 1 s + 1 µs, 1 s - 1 µs, 1 s + 3 µs  -> deviations +1000, -1000, +3000 ns
        long[] times = {t0, t0 + S + 1000, t0 + 2 * S, t0 + 3 * S + 3000};
        for (int i = 0; i < times.length; i++) {
            stats.accept(rt(10 + i, times[i]));
        }
        var s = stats.summary();
        assertEquals(4, s.edges());
        assertEquals(3, s.oneSecondIntervals());
        assertEquals(S + 1000, s.meanIntervalNanos(), 1e-6);
        // sample std dev of {1000, -1000, 3000}: mean 1000, squares 0 + 4e6 + 4e6 = 8e6, /2 = 4e6 -> 2000
        assertEquals(2000.0, s.jitterNanos(), 1e-6);
        assertEquals(0, s.missing());
        assertEquals(0, s.extra());
    }

    @Test
    void aTwoSecondGapCountsOneMissingEdgeAndIsNotJitter() {
        var stats = new PpsIntervalStats();
        assertEquals(Kind.FIRST, stats.accept(rt(1, 0)).kind());
        assertEquals(Kind.ONE_SECOND, stats.accept(rt(2, S)).kind());
        var gap = stats.accept(rt(3, 3 * S + 500));
        assertEquals(Kind.AFTER_GAP, gap.kind());
        assertEquals(1, gap.missing());
        var s = stats.summary();
        assertEquals(1, s.missing());
        assertEquals(1, s.oneSecondIntervals());
        assertTrue(Double.isNaN(s.jitterNanos()), "one interval has no spread");
    }

    @Test
    void aSpuriousPulseIsExtraAndDoesNotBecomeTheReference() {
        var stats = new PpsIntervalStats();
        stats.accept(rt(1, 0));
        var spurious = stats.accept(rt(2, 300_000_000L));
        assertEquals(Kind.EXTRA, spurious.kind());
        // measured from the edge at 0, not from the spurious one
        var next = stats.accept(rt(3, S + 2000));
        assertEquals(Kind.ONE_SECOND, next.kind());
        assertEquals(S + 2000, next.intervalNanos());
        var s = stats.summary();
        assertEquals(1, s.extra());
        assertEquals(3, s.edges());
        assertEquals(S + 2000, s.meanIntervalNanos(), 1e-6);
    }

    @Test
    void anIntervalBetweenWholeSecondsIsExtra() {
        var stats = new PpsIntervalStats();
        stats.accept(rt(1, 0));
        assertEquals(Kind.EXTRA, stats.accept(rt(2, 1_500_000_000L)).kind());
        assertEquals(Kind.ONE_SECOND, stats.accept(rt(3, S + PpsIntervalStats.WINDOW_NANOS)).kind());
    }

    @Test
    void sequenceJumpsAndResetsAreCounted() {
        var stats = new PpsIntervalStats();
        stats.accept(rt(100, 0));
        var jump = stats.accept(rt(103, S));
        assertEquals(2, jump.sequenceSkipped());
        stats.accept(rt(1, 2 * S));
        var s = stats.summary();
        assertEquals(2, s.sequenceSkipped());
        assertEquals(1, s.sequenceResets());
    }

    @Test
    void edgesFromAnotherClockDomainAreCountedAndIgnored() {
        var stats = new PpsIntervalStats();
        stats.accept(rt(1, 5 * S));
        var other = stats.accept(new PpsEdge(2, new MonotonicTime(6 * S)));
        assertEquals(Kind.OTHER_DOMAIN, other.kind());
        assertEquals(Kind.ONE_SECOND, stats.accept(rt(2, 6 * S)).kind());
        var s = stats.summary();
        assertEquals(1, s.otherDomain());
        assertEquals(2, s.edges());
    }

    @Test
    void monotonicRunsWorkTheSameWay() {
        var stats = new PpsIntervalStats();
        stats.accept(new PpsEdge(0, new MonotonicTime(42 * S)));
        stats.accept(new PpsEdge(1, new MonotonicTime(43 * S - 700)));
        assertEquals(S - 700, stats.summary().meanIntervalNanos(), 1e-6);
    }

    @Test
    void emptyRunHasNoMean() {
        var s = new PpsIntervalStats().summary();
        assertEquals(0, s.edges());
        assertTrue(Double.isNaN(s.meanIntervalNanos()));
    }
}
