package io.gnomon.app;

import io.gnomon.time.ServedClock;

/**
 * The precision an NTP server advertises: log2 of the seconds it takes to read its clock, or of the clock's
 * tick when that is coarser (RFC 5905 section 7.3: "precision").
 */
final class ClockPrecision {
    static final int READINGS = 10_000;

    private ClockPrecision() {}

    /** Reads the clock back to back and returns the precision exponent (e.g. -24 for about 60 ns). */
    static int measure(ServedClock clock) {
        long[] readings = new long[READINGS];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = clock.now().epochNanos();
        }
        return exponentOf(readings);
    }

    /**
     * The smallest positive step between successive readings (a coarse clock shows its tick, a fine one its
     * reading cost) as a power of two of seconds, rounded up. Readings that never change: 0 (one second).
     */
    static int exponentOf(long[] readingsNanos) {
        long smallest = Long.MAX_VALUE;
        for (int i = 1; i < readingsNanos.length; i++) {
            long step = readingsNanos[i] - readingsNanos[i - 1];
            if (step > 0 && step < smallest) {
                smallest = step;
            }
        }
        if (smallest == Long.MAX_VALUE) {
            return 0;
        }
        double log2 = Math.log(smallest * 1e-9) / Math.log(2);
        return (int) Math.max(-32, Math.min(0, Math.ceil(log2)));
    }
}
