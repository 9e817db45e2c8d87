package io.gnomon.time;

import java.time.Instant;

/**
 * UTC as Gnomon believes and serves it: nanoseconds since 1970-01-01T00:00:00Z counted the POSIX way
 * (86 400 s per day; an inserted leap second repeats the last second of the day, it has no number of its own).
 * Range: years 1678–2262. Values in this domain come only from the reference clock or the served-time model,
 * never straight from the host clock.
 */
public record UtcTime(long epochNanos) implements Comparable<UtcTime> {

    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    public static UtcTime ofEpochSecond(long seconds) {
        return new UtcTime(Math.multiplyExact(seconds, NANOS_PER_SECOND));
    }

    public static UtcTime of(Instant instant) {
        return new UtcTime(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano()));
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    public long epochSecond() {
        return Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    }

    public UtcTime plusNanos(long delta) {
        return new UtcTime(epochNanos + delta);
    }

    public long nanosSince(UtcTime other) {
        return epochNanos - other.epochNanos;
    }

    @Override
    public int compareTo(UtcTime o) {
        return Long.compare(epochNanos, o.epochNanos);
    }

    @Override
    public String toString() {
        return toInstant().toString();
    }
}
