package io.gnomon.discipline;

import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.util.Optional;

/**
 * The default actuator: the host clock is left alone; served time is host CLOCK_REALTIME corrected by the
 * model's estimate, converted to UTC through the leap-second table (23:59:59 repeats during an inserted second,
 * or a 24-hour smear when asked for). Without an estimate it serves host time as it is (the snapshot then says
 * unsynchronised). Thread-safe: the estimate is one volatile immutable value.
 */
public final class SoftwareCorrectedClock implements ServedClock, ClockActuator {
    private final RealtimeClock host;
    private final LeapSecondTable leaps;
    private final LeapSmear smear;
    private volatile Optional<ClockEstimate> estimate = Optional.empty();

    /** @param smear null: no smear (the default) */
    public SoftwareCorrectedClock(RealtimeClock host, LeapSecondTable leaps, LeapSmear smear) {
        this.host = host;
        this.leaps = leaps;
        this.smear = smear;
    }

    @Override
    public void apply(Optional<ClockEstimate> estimate) {
        this.estimate = estimate;
    }

    @Override
    public UtcTime now() {
        return fromRealtime(host.now());
    }

    @Override
    public UtcTime fromRealtime(RealtimeTime hostTime) {
        Optional<ClockEstimate> e = estimate;
        if (e.isEmpty()) {
            return new UtcTime(hostTime.epochNanos());
        }
        TaiTime tai = e.get().trueTimeAt(hostTime);
        return smear != null ? smear.toUtc(tai) : leaps.toUtc(tai);
    }

    /** The same conversion without making a time value (without a smear), for the packet path. */
    @Override
    public long fromRealtimeNanos(long realtimeNanos) {
        Optional<ClockEstimate> e = estimate;
        if (e.isEmpty()) {
            return realtimeNanos;
        }
        if (smear != null) {
            return smear.toUtc(e.get().trueTimeAt(new RealtimeTime(realtimeNanos))).epochNanos();
        }
        return leaps.toUtcNanos(e.get().trueTimeAtNanos(realtimeNanos));
    }
}
