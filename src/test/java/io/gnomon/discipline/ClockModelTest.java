package io.gnomon.discipline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClockModelTest {
    private static final long NS = 1_000_000_000L;
    private static final long T0 = 1_772_000_037L * NS;

    /** host realtime of an edge at true second s: 2 ms ahead, 25 ppm fast, plus noise. */
    private static RealtimeTime host(long s, double noiseNanos) {
        return new RealtimeTime(T0 - 37 * NS + 2_000_000L + s * NS + Math.round(25e-6 * s * NS + noiseNanos));
    }

    @Test
    void findsOffsetAndFrequencyAndServesTheTruth() {
        ClockModel m = new ClockModel(ModelConfig.defaults());
        SplittableRandom r = new SplittableRandom(3);
        for (long s = 0; s < 200; s++) {
            m.add(new TaiTime(T0 + s * NS), host(s, r.nextGaussian() * 1000));
        }
        ClockEstimate e = m.estimate().orElseThrow();
        assertEquals(25e-6, e.frequency(), 1e-8);
        // half a second after the last edge, the estimate maps host time back to true time within a microsecond
        TaiTime truth = new TaiTime(T0 + 199 * NS + NS / 2);
        RealtimeTime at = new RealtimeTime(T0 - 37 * NS + 2_000_000L + Math.round(25e-6 * (199.5 * NS)) + 199 * NS + NS / 2);
        assertEquals(0, e.trueTimeAt(at).nanosSince(truth), 1_000);
        assertTrue(e.errorBoundSecondsAt(truth) < 5e-6, "bound " + e.errorBoundSecondsAt(truth));
    }

    @Test
    void anOutlierIsRejectedAndARunOfThemRestartsTheModel() {
        ClockModel m = new ClockModel(ModelConfig.defaults());
        for (long s = 0; s < 50; s++) {
            m.add(new TaiTime(T0 + s * NS), host(s, 0));
        }
        m.add(new TaiTime(T0 + 50 * NS), host(50, 300_000)); // 300 µs late: a delayed interrupt
        assertEquals(1, m.outliers());
        assertEquals(25e-6, m.estimate().orElseThrow().frequency(), 1e-9);
        for (long s = 51; s < 61; s++) {
            m.add(new TaiTime(T0 + s * NS), host(s, 50_000_000)); // the host clock jumped 50 ms
        }
        assertEquals(1, m.resets());
    }

    @Test
    void theBoundGrowsInHoldover() {
        ClockModel m = new ClockModel(ModelConfig.defaults());
        for (long s = 0; s < 100; s++) {
            m.add(new TaiTime(T0 + s * NS), host(s, 0));
        }
        ClockEstimate e = m.estimate().orElseThrow();
        double b1 = e.errorBoundSecondsAt(new TaiTime(T0 + 100 * NS));
        double b2 = e.errorBoundSecondsAt(new TaiTime(T0 + 1100 * NS));
        double b3 = e.errorBoundSecondsAt(new TaiTime(T0 + 86_400 * NS));
        assertTrue(b1 < b2 && b2 < b3, b1 + " " + b2 + " " + b3);
    }

    @Test
    void aSavedFrequencyGivesAnEstimateFromTwoEdges() {
        ClockModel m = new ClockModel(ModelConfig.defaults());
        m.add(new TaiTime(T0), host(0, 0));
        assertTrue(m.estimate().isEmpty());
        ClockModel saved = new ClockModel(ModelConfig.defaults());
        saved.useSavedFrequency(25e-6);
        saved.add(new TaiTime(T0), host(0, 0));
        saved.add(new TaiTime(T0 + NS), host(1, 0));
        assertEquals(25e-6, saved.estimate().orElseThrow().frequency(), 1e-12);
    }

    private static ClockModel fitted(long seconds) {
        ClockModel m = new ClockModel(ModelConfig.defaults());
        SplittableRandom r = new SplittableRandom(7);
        for (long s = 0; s < seconds; s++) {
            m.add(new TaiTime(T0 + s * NS), host(s, r.nextGaussian() * 1000));
        }
        return m;
    }

    @Test
    void aStepMovesTheOffsetByTheStepAndNothingElse() {
        ClockModel m = fitted(300);
        ClockEstimate before = m.estimate().orElseThrow();
        m.hostStepped(3 * NS);
        ClockEstimate after = m.estimate().orElseThrow();
        assertEquals(before.offsetNanos() + 3 * NS, after.offsetNanos(), 1e-3);
        assertEquals(before.frequency(), after.frequency(), 1e-15);
        assertEquals(before.jitterNanos(), after.jitterNanos(), 1e-6);
        assertEquals(before.offsetErrorNanos(), after.offsetErrorNanos(), 1e-6);
        assertEquals(before.reference(), after.reference());
        // the same true time is found at the stepped host time
        RealtimeTime h = host(350, 0);
        assertEquals(before.trueTimeAt(h), after.trueTimeAt(new RealtimeTime(h.epochNanos() + 3 * NS)));
        // and the next samples, 3 s on, are no outliers
        for (long s = 300; s < 320; s++) {
            m.add(new TaiTime(T0 + s * NS), new RealtimeTime(host(s, 0).epochNanos() + 3 * NS));
        }
        assertEquals(0, m.outliers());
        assertEquals(0, m.resets());
    }

    @Test
    void aRateChangeGivesTheNewFrequencyAndKeepsTheTimeAtTheChange() {
        ClockModel m = fitted(300);
        ClockEstimate before = m.estimate().orElseThrow();
        double k = -40e-6; // the kernel slows the clock by 40 ppm from half a second after the last edge
        RealtimeTime at = host(299, 0);
        at = new RealtimeTime(at.epochNanos() + NS / 2);
        TaiTime trueAtChange = before.trueTimeAt(at);
        m.hostRateChanged(at, k);
        ClockEstimate after = m.estimate().orElseThrow();
        assertEquals((1 + before.frequency()) * (1 + k) - 1, after.frequency(), 1e-13);
        assertEquals(0, after.trueTimeAt(at).nanosSince(trueAtChange), 1);
        assertEquals(before.jitterNanos(), after.jitterNanos(), 0.01);
        // 100 s later the host has counted 100 s·(1 + f)(1 + k): the estimate maps it back to the right true time
        long hostElapsed = Math.round(100 * NS * (1 + before.frequency()) * (1 + k));
        RealtimeTime later = new RealtimeTime(at.epochNanos() + hostElapsed);
        assertEquals(0, after.trueTimeAt(later).nanosSince(trueAtChange.plusNanos(100 * NS)), 5);
    }

    @Test
    void aRateChangeDoesNotLookLikeDrift() {
        // samples after a large kernel frequency change, reported: the block history is re-expressed too, so the
        // drift (and the holdover bound built on it) stays as small as before
        ClockModel m = fitted(2000);
        ClockEstimate before = m.estimate().orElseThrow();
        double k = 300e-6;
        long r0 = host(1999, 0).epochNanos();
        m.hostRateChanged(new RealtimeTime(r0), k);
        for (long s = 2000; s < 3000; s++) {
            long host = r0 + Math.round((s - 1999) * NS * (1 + 25e-6) * (1 + k));
            m.add(new TaiTime(T0 + s * NS), new RealtimeTime(host));
        }
        ClockEstimate after = m.estimate().orElseThrow();
        assertEquals(0, m.outliers());
        assertEquals(before.driftPerSecond(), after.driftPerSecond(), 1e-12);
        assertEquals((1 + 25e-6) * (1 + k) - 1, after.frequency(), 1e-10);
    }
}
