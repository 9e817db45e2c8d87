package io.gnomon.adapter.clock;

import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;

/**
 * Serves the host's CLOCK_REALTIME as UTC, unchanged. Right when something keeps the host clock on UTC
 * (the kernel disciplined from PPS, or the simulated appliance, whose reference follows the host clock).
 */
public final class HostServedClock implements ServedClock {
    private final RealtimeClock host;

    public HostServedClock(RealtimeClock host) {
        this.host = host;
    }

    @Override
    public UtcTime now() {
        return new UtcTime(host.now().epochNanos());
    }

    @Override
    public UtcTime fromRealtime(RealtimeTime hostTime) {
        return new UtcTime(hostTime.epochNanos());
    }

    @Override
    public long fromRealtimeNanos(long realtimeNanos) {
        return realtimeNanos;
    }
}
