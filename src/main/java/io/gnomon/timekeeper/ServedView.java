package io.gnomon.timekeeper;

import io.gnomon.ntp.ServingSource;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;

/**
 * The served clock as a {@link ServedClock}: each reading takes the latest {@link io.gnomon.ntp.ServingState} once
 * and converts with it. Holds no estimate of its own, so it can never disagree with the snapshot it was published
 * with. Any thread.
 */
public record ServedView(RealtimeClock host, ServingSource source) implements ServedClock {

    @Override
    public UtcTime now() {
        return fromRealtime(host.now());
    }

    @Override
    public UtcTime fromRealtime(RealtimeTime hostTime) {
        return source.current().servedUtc(hostTime);
    }

    @Override
    public long fromRealtimeNanos(long realtimeNanos) {
        return source.current().servedUtcNanos(realtimeNanos);
    }
}
