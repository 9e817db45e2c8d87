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
}
