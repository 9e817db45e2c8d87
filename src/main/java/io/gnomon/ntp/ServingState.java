package io.gnomon.ntp;

import io.gnomon.time.RealtimeTime;
import io.gnomon.time.UtcTime;

/**
 * Everything one reply is built from, as one immutable value: the reference snapshot (leap indicator, stratum,
 * refid, root dispersion) and the served clock (host CLOCK_REALTIME stamps turned into served UTC). The timekeeper
 * publishes a new value after every event; a reply reads {@link ServingSource#current()} once and uses that value
 * for both, so the header and the timestamps can never come from two different moments.
 */
public interface ServingState {
    ReferenceSnapshot snapshot();

    /**
     * Served UTC, epoch nanoseconds, at a moment the kernel stamped in CLOCK_REALTIME (epoch nanoseconds): the
     * packet path's conversion, without allocating.
     */
    long servedUtcNanos(long realtimeNanos);

    /** As {@link #servedUtcNanos}, with the clock domains in the types. */
    default UtcTime servedUtc(RealtimeTime realtime) {
        return new UtcTime(servedUtcNanos(realtime.epochNanos()));
    }
}
