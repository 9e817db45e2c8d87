package io.gnomon.nmea;

/**
 * A UTC time of day as a receiver printed it (hhmmss[.fff...]). {@code second} may be 60 only at 23:59 (an
 * inserted leap second). {@code nanos} keeps the printed fraction.
 */
public record NmeaTimeOfDay(int hour, int minute, int second, int nanos) implements Comparable<NmeaTimeOfDay> {

    public boolean leapSecond() {
        return second == 60;
    }

    /** Nanoseconds since midnight, counting 23:59:60 as one second after 23:59:59. */
    public long nanosOfDay() {
        return ((hour * 60L + minute) * 60L + second) * 1_000_000_000L + nanos;
    }

    @Override
    public int compareTo(NmeaTimeOfDay o) {
        return Long.compare(nanosOfDay(), o.nanosOfDay());
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d:%02d.%03d", hour, minute, second, nanos / 1_000_000);
    }
}
