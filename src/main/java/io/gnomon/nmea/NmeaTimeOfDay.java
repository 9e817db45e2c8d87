package io.gnomon.nmea;

/**
 * A UTC time of day as a receiver printed it (hhmmss[.fff...]). {@code second} may be 60 only at 23:59 (an
 * inserted leap second). {@code nanos} keeps the printed fraction, {@code fractionDigits} how many digits it had.
 */
public record NmeaTimeOfDay(int hour, int minute, int second, int nanos, int fractionDigits)
        implements Comparable<NmeaTimeOfDay> {

    /**
     * Whether two printed times name the same instant at the precision of the coarser one: receivers print one
     * cycle's time with different precision in different sentences (Magellan: GLL 200622.305, RMC 200622.31).
     */
    public boolean sameInstant(NmeaTimeOfDay other) {
        if (other == null) {
            return false;
        }
        int digits = Math.min(fractionDigits, other.fractionDigits);
        long unit = 1_000_000_000L;
        for (int i = 0; i < digits; i++) {
            unit /= 10;
        }
        long diff = Math.abs(nanosOfDay() - other.nanosOfDay());
        return digits == 0 ? 2 * diff < unit : 2 * diff <= unit;
    }

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
