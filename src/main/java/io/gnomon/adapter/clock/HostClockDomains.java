package io.gnomon.adapter.clock;

import io.gnomon.refclock.HostDomains;

/**
 * This host's CLOCK_REALTIME − CLOCK_MONOTONIC, measured by reading realtime, monotonic, realtime back to back
 * (three tries, the narrowest bracket wins) so a preemption between the reads does not skew it.
 */
public final class HostClockDomains implements HostDomains {
    private static final int TRIES = 3;

    @Override
    public long realtimeMinusMonotonicNanos() {
        long best = 0;
        long bestWidth = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            long r1 = SystemClocks.REALTIME.now().epochNanos();
            long m = SystemClocks.MONOTONIC.now().nanos();
            long r2 = SystemClocks.REALTIME.now().epochNanos();
            long width = r2 - r1;
            if (width >= 0 && width < bestWidth) {
                bestWidth = width;
                best = r1 + width / 2 - m;
            }
        }
        return bestWidth == Long.MAX_VALUE ? SystemClocks.REALTIME.now().epochNanos() - SystemClocks.MONOTONIC.now().nanos()
                : best;
    }
}
