package io.gnomon.time;

/**
 * A reading of the host's CLOCK_REALTIME: nanoseconds since 1970-01-01 as the host kernel counts them.
 * The host clock may be wrong, stepped or slewed by another process; it is an input, not the truth.
 * Kernel PPS and SO_TIMESTAMPNS timestamps are in this domain.
 */
public record RealtimeTime(long epochNanos) implements HostTime, Comparable<RealtimeTime> {

    public RealtimeTime plusNanos(long delta) {
        return new RealtimeTime(epochNanos + delta);
    }

    public long nanosSince(RealtimeTime other) {
        return epochNanos - other.epochNanos;
    }

    @Override
    public int compareTo(RealtimeTime o) {
        return Long.compare(epochNanos, o.epochNanos);
    }
}
