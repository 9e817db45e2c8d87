package io.gnomon.refclock;

import java.util.Arrays;

/**
 * How far a PPS edge may fall from the one-second grid and still be on it. The fixed rule (1 ms + 200 ppm per
 * second elapsed) suits a PPS timestamped in hard-IRQ context on a quiet machine (µs jitter); a PPS stamped late
 * and unevenly (a USB adapter's DCD line, a loaded Pi Zero, a virtual machine's interrupt path: 0.5–1.4 ms σ) puts
 * a third of its edges outside it, and the grid — so the lock — never holds. The tolerance is therefore learnt
 * from the spread the edges show (5 σ of the recent residuals, σ from their median absolute deviation, so
 * spurious pulses barely move it), between the fixed floor and {@link #MAX_LEARNT_NANOS}.
 *
 * <p>The spread is learnt, the period is not: while the residuals' median sits off the grid by more than the
 * floor (or, for a very scattered PPS, than three standard errors of that median, at most 3 ms), the PPS does not
 * tick once a second and the tolerance stays at the floor (so such a PPS is refused however it jitters).
 * Residuals are learnt from consecutive edges one second apart only.
 */
final class GridTolerance {
    private static final long NS = 1_000_000_000L;
    static final long FLOOR_NANOS = 1_000_000L;
    /** The widest learnt tolerance: a PPS that scatters more than ±20 ms does not mark the second. */
    static final long MAX_LEARNT_NANOS = 20_000_000L;
    static final double PER_SECOND = 200e-6;
    /** However much the edges scatter, their mean interval must be a second within this (0.3 %). */
    static final long MAX_PERIOD_ERROR_NANOS = 3_000_000L;
    static final int WINDOW = 64;
    static final int MIN_SAMPLES = 16;
    private static final double SIGMAS = 5;
    private static final double MAD_TO_SIGMA = 1.4826;

    private final long[] residuals = new long[WINDOW];
    private int size;
    private int next;
    private long learnt = FLOOR_NANOS;

    /** The tolerance for an edge {@code seconds} after the last grid edge. */
    double nanos(long seconds) {
        return learnt + PER_SECOND * seconds * NS;
    }

    /** The part learnt from the edges' spread (the floor until enough edges were seen). */
    long learntNanos() {
        return learnt;
    }

    /**
     * One edge's residual from the grid (nanoseconds; edges whole seconds after the last grid edge, accepted or
     * not). Residuals beyond the widest tolerance are spurious pulses or a moved grid: not learnt from.
     */
    void observe(double residualNanos) {
        if (!(Math.abs(residualNanos) <= MAX_LEARNT_NANOS + PER_SECOND * NS)) {
            return;
        }
        residuals[next] = Math.round(residualNanos);
        next = (next + 1) % WINDOW;
        size = Math.min(size + 1, WINDOW);
        learnt = learn();
    }

    void clear() {
        size = 0;
        next = 0;
        learnt = FLOOR_NANOS;
    }

    private long learn() {
        if (size < MIN_SAMPLES) {
            return FLOOR_NANOS;
        }
        long[] r = Arrays.copyOf(residuals, size);
        Arrays.sort(r);
        long median = r[size / 2];
        long[] dev = new long[size];
        for (int i = 0; i < size; i++) {
            dev[i] = Math.abs(r[i] - median);
        }
        Arrays.sort(dev);
        double sigma = MAD_TO_SIGMA * dev[size / 2];
        // the median of n residuals scatters by ≈ 1.25 σ/√n: an offset beyond 3 of those (and beyond the floor) is a
        // period that is not one second, and the spread must not widen the grid to let it in
        double offsetLimit = Math.min(MAX_PERIOD_ERROR_NANOS, Math.max(FLOOR_NANOS, 3 * 1.2533 * sigma / Math.sqrt(size)));
        if (Math.abs(median) > offsetLimit) {
            return FLOOR_NANOS;
        }
        return Math.max(FLOOR_NANOS, Math.min(MAX_LEARNT_NANOS, Math.round(SIGMAS * sigma)));
    }
}
