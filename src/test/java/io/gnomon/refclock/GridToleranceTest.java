package io.gnomon.refclock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The learnt grid tolerance: the edges' spread widens it (bounded), their mean offset never does. */
class GridToleranceTest {
    private static final double PER_SECOND = 200e-6 * 1e9;

    @Test
    void aCleanPpsKeepsTheFloor() {
        GridTolerance t = new GridTolerance();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            t.observe(gauss(r) * 1_000);
        }
        assertEquals(GridTolerance.FLOOR_NANOS, t.learntNanos());
        assertEquals(1e6 + PER_SECOND, t.nanos(1), 1e-6);
    }

    @Test
    void aMillisecondAndAHalfOfJitterWidensItToAboutFiveSigma() {
        GridTolerance t = new GridTolerance();
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < GridTolerance.MIN_SAMPLES - 1; i++) {
            t.observe(gauss(r) * 2_000_000);
        }
        assertEquals(GridTolerance.FLOOR_NANOS, t.learntNanos(), "too few edges to learn from");
        for (int i = 0; i < 500; i++) {
            t.observe(gauss(r) * 2_000_000); // residuals of edges with σ 1.4 ms: √2 · 1.4 ms
        }
        assertTrue(t.learntNanos() > 7_000_000 && t.learntNanos() < 13_000_000, "learnt " + t.learntNanos());
    }

    @Test
    void spuriousPulsesBarelyMoveIt() {
        GridTolerance t = new GridTolerance();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            t.observe(i % 10 == 0 ? (r.nextDouble() - 0.5) * 40_000_000 : gauss(r) * 1_000);
        }
        assertTrue(t.learntNanos() <= 2_000_000, "learnt " + t.learntNanos());
    }

    @Test
    void neverWiderThanTheBound() {
        GridTolerance t = new GridTolerance();
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 500; i++) {
            t.observe(gauss(r) * 10_000_000);
        }
        assertEquals(GridTolerance.MAX_LEARNT_NANOS, t.learntNanos());
    }

    @Test
    void aPpsThatDoesNotTickOnceASecondIsNotLetIn() {
        // edges every 1.005 s, scattering 1.4 ms: residuals centred on +5 ms
        GridTolerance t = new GridTolerance();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            t.observe(5_000_000 + gauss(r) * 2_000_000);
        }
        assertEquals(GridTolerance.FLOOR_NANOS, t.learntNanos());
    }

    @Test
    void clearForgets() {
        GridTolerance t = new GridTolerance();
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 100; i++) {
            t.observe(gauss(r) * 3_000_000);
        }
        assertTrue(t.learntNanos() > GridTolerance.FLOOR_NANOS);
        t.clear();
        assertEquals(GridTolerance.FLOOR_NANOS, t.learntNanos());
    }

    private static double gauss(SplittableRandom r) {
        double u = Math.max(r.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
