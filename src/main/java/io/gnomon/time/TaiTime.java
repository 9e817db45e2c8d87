package io.gnomon.time;

/**
 * A continuous count of SI seconds (TAI, in nanoseconds since 1970-01-01T00:00:10 TAI-ish, i.e. POSIX seconds
 * plus TAI−UTC). Unlike {@link UtcTime} it has a distinct number for an inserted leap second, so intervals
 * across a leap second are honest. Converted to and from UTC only through a leap-second table.
 */
public record TaiTime(long nanos) implements Comparable<TaiTime> {

    public TaiTime plusNanos(long delta) {
        return new TaiTime(nanos + delta);
    }

    public long nanosSince(TaiTime other) {
        return nanos - other.nanos;
    }

    @Override
    public int compareTo(TaiTime o) {
        return Long.compare(nanos, o.nanos);
    }
}
