package io.gnomon.ntp;

/**
 * The RFC 5905 precision of a clock from successive readings of it: log2 seconds of the smallest nonzero step
 * between two readings, rounded up. That step is the clock's tick when the tick is coarser than a read, and
 * the cost of one read when the clock ticks finer than it can be read; either way it is the finest
 * difference the clock can show. (The adapter takes the readings; this only computes.)
 */
public final class ClockPrecision {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ClockPrecision() {
    }

    /**
     * @param readingsNanos successive readings of one clock, in nanoseconds, in the order taken; steps
     *                      backwards (a stepped clock) are ignored
     * @return the smallest p with 2^p seconds ≥ the smallest positive step, e.g. 1 ns → −29, 953 ns → −20,
     *         954 ns → −19, 1 µs → −19
     * @throws IllegalArgumentException when no two successive readings differ by a positive amount
     */
    public static int log2Seconds(long[] readingsNanos) {
        long smallest = Long.MAX_VALUE;
        for (int i = 1; i < readingsNanos.length; i++) {
            long step = readingsNanos[i] - readingsNanos[i - 1];
            if (step > 0 && step < smallest) {
                smallest = step;
            }
        }
        if (smallest == Long.MAX_VALUE) {
            throw new IllegalArgumentException("no positive step between successive readings");
        }
        return log2SecondsOfStep(smallest);
    }

    /** The smallest p with 2^p seconds ≥ {@code stepNanos} nanoseconds (stepNanos > 0), exactly. */
    static int log2SecondsOfStep(long stepNanos) {
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepNanos);
        }
        if (stepNanos <= NANOS_PER_SECOND) {
            // 2^-k s ≥ step ⇔ 10^9 ≥ step·2^k; step ≤ 10^9 keeps step·2^k ≤ 2·10^18 while we test
            int k = 0;
            while ((stepNanos << (k + 1)) <= NANOS_PER_SECOND) {
                k++;
            }
            return -k;
        }
        int p = 0;
        while (p < 33 && (NANOS_PER_SECOND << p) < stepNanos) {
            p++;
        }
        return (NANOS_PER_SECOND << p) < stepNanos ? p + 1 : p;
    }
}
