package io.gnomon.time;

/**
 * A reading of the host's CLOCK_MONOTONIC, in nanoseconds since an unspecified start (boot on Linux).
 * Never jumps; not comparable with any wall-clock time without a measured mapping.
 */
public record MonotonicTime(long nanos) implements HostTime, Comparable<MonotonicTime> {

    public MonotonicTime plusNanos(long delta) {
        return new MonotonicTime(nanos + delta);
    }

    /** this − other, in nanoseconds. */
    public long nanosSince(MonotonicTime other) {
        return nanos - other.nanos;
    }

    @Override
    public int compareTo(MonotonicTime o) {
        return Long.compare(nanos, o.nanos);
    }
}
