package io.gnomon.timekeeper;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServingState;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.UtcTime;
import java.util.Optional;

/**
 * The one value a reply is built from: the reference snapshot and the estimate served time follows, taken at the
 * same moment. Served time is host CLOCK_REALTIME corrected by the estimate and converted to UTC through the
 * leap-second table (23:59:59 repeats during an inserted second); without an estimate it is host time as it is
 * (the snapshot then says unsynchronised).
 */
public record Serving(ReferenceSnapshot snapshot, Optional<ClockEstimate> estimate, LeapSecondTable leaps)
        implements ServingState {

    /** Before the first event: unsynchronised, host time as it is. */
    public static Serving initial(LeapSecondTable leaps) {
        return new Serving(ReferenceSnapshot.unsynchronised(""), Optional.empty(), leaps);
    }

    @Override
    public long servedUtcNanos(long realtimeNanos) {
        if (estimate.isEmpty()) {
            return realtimeNanos;
        }
        return leaps.toUtcNanos(estimate.get().trueTimeAtNanos(realtimeNanos));
    }

    @Override
    public UtcTime servedUtc(RealtimeTime realtime) {
        if (estimate.isEmpty()) {
            return new UtcTime(realtime.epochNanos());
        }
        return leaps.toUtc(estimate.get().trueTimeAt(realtime));
    }
}
