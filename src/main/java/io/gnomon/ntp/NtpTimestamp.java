package io.gnomon.ntp;

import io.gnomon.time.UtcTime;

/**
 * An NTP 64-bit timestamp as it travels on the wire: 32 bits of seconds since 1900-01-01T00:00:00Z within an
 * era of 2^32 s (about 136 years), and 32 bits of binary fraction (resolution 2^-32 s, about 0.233 ns).
 * The era number is not on the wire: era 0 ends and era 1 begins at 2036-02-07T06:28:16Z. {@link #toUtc}
 * recovers it from a pivot time.
 *
 * <p>Rounding, both ways to the nearest value (ties away from zero in the fraction):
 * UTC nanoseconds → fraction = round(ns · 2^32 / 10^9); fraction → nanoseconds = round(f · 10^9 / 2^32).
 * Because one fraction step (0.233 ns) is less than half a nanosecond, UTC → NTP → UTC returns the same
 * nanosecond; NTP → UTC → NTP returns a fraction within 2 steps of the original.
 *
 * <p>The static {@code bitsOf}/{@code toUtc(long, …)} forms work on the raw 64-bit value, for the hot path.
 *
 * @param bits seconds in the high 32 bits, fraction in the low 32 bits (both unsigned)
 */
public record NtpTimestamp(long bits) {

    /** The zero timestamp, which NTP uses for "unknown" or "never". */
    public static final NtpTimestamp ZERO = new NtpTimestamp(0);

    /** Seconds from 1900-01-01 (NTP prime epoch) to 1970-01-01 (Unix epoch). */
    public static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private static final long ERA_SECONDS = 1L << 32;
    private static final long NANOS = UtcTime.NANOS_PER_SECOND;

    public static NtpTimestamp of(UtcTime t) {
        return new NtpTimestamp(bitsOf(t));
    }

    public static NtpTimestamp of(long eraSeconds, long fraction) {
        return new NtpTimestamp((eraSeconds << 32) | (fraction & 0xFFFF_FFFFL));
    }

    /** The wire value of {@code t}, in whichever era it falls (the era itself is dropped). */
    public static long bitsOf(UtcTime t) {
        return bitsOfUtcNanos(t.epochNanos());
    }

    /** As {@link #bitsOf(UtcTime)}, for UTC nanoseconds since 1970 (the allocation-free packet path). */
    public static long bitsOfUtcNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS) + SECONDS_1900_TO_1970;
        long nanos = Math.floorMod(epochNanos, NANOS);
        // nanos < 10^9, so nanos·2^32 < 4.3e18 fits a long; the rounded result stays below 2^32
        long fraction = ((nanos << 32) + NANOS / 2) / NANOS;
        return (seconds << 32) | fraction;
    }

    /** Seconds within the era, 0 … 2^32−1. */
    public long eraSeconds() {
        return bits >>> 32;
    }

    /** Binary fraction of the second, 0 … 2^32−1. */
    public long fraction() {
        return bits & 0xFFFF_FFFFL;
    }

    public boolean isZero() {
        return bits == 0;
    }

    /**
     * The UTC time with these era seconds and fraction whose whole second lies in
     * [pivot's second − 2^31 s, pivot's second + 2^31 s): the era nearest the pivot. With the pivot at the
     * 2036 era boundary that window is 1968-01-20T03:14:08Z … 2104-02-26T09:42:23Z.
     */
    public UtcTime toUtc(UtcTime pivot) {
        return toUtc(bits, pivot);
    }

    /**
     * As {@link #toUtc(UtcTime)} on a raw wire value.
     *
     * @throws ArithmeticException when the result lies outside UtcTime's range (pivot within 68 years of 1678 or 2262)
     */
    public static UtcTime toUtc(long bits, UtcTime pivot) {
        long eraSeconds = bits >>> 32;
        long fraction = bits & 0xFFFF_FFFFL;
        long pivotNtpSeconds = pivot.epochSecond() + SECONDS_1900_TO_1970;
        long era = Math.floorDiv(pivotNtpSeconds - eraSeconds + ERA_SECONDS / 2 - 1, ERA_SECONDS);
        long epochSeconds = eraSeconds + era * ERA_SECONDS - SECONDS_1900_TO_1970;
        // fraction < 2^32, so fraction·10^9 < 4.3e18 fits; the result may round up to a whole second
        long nanos = (fraction * NANOS + (1L << 31)) >>> 32;
        return new UtcTime(Math.addExact(Math.multiplyExact(epochSeconds, NANOS), nanos));
    }

    @Override
    public String toString() {
        return String.format("%08x.%08x", eraSeconds(), fraction());
    }
}
