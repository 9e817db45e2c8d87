package io.gnomon.adapter.clock;

import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import java.time.Clock;
import java.time.Instant;

/** The host's real clocks. System.nanoTime is CLOCK_MONOTONIC on Linux. */
public final class SystemClocks {
    private static final Clock UTC = Clock.systemUTC();

    private SystemClocks() {}

    public static final MonotonicClock MONOTONIC = () -> new MonotonicTime(System.nanoTime());

    public static final RealtimeClock REALTIME = () -> {
        Instant i = UTC.instant();
        return new RealtimeTime(i.getEpochSecond() * 1_000_000_000L + i.getNano());
    };
}
