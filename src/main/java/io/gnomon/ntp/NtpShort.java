package io.gnomon.ntp;

/**
 * The NTP 32-bit short format used for root delay and root dispersion: unsigned 16.16 fixed-point seconds
 * (resolution 2^-16 s, about 15.3 µs; maximum 65535.99998 s).
 *
 * <p>Root delay and dispersion bound an error, so conversions into this format round <em>up</em> (a bound is
 * never understated) and saturate: negative → 0, above the maximum or NaN → the maximum.
 * Conversion out of it is exact in seconds ({@link #toSeconds}) and rounds to the nearest nanosecond
 * ({@link #toNanos}).
 *
 * @param bits the unsigned 32-bit wire value
 */
public record NtpShort(int bits) {

    public static final NtpShort ZERO = new NtpShort(0);
    public static final NtpShort MAX = new NtpShort(0xFFFF_FFFF);

    private static final double UNITS_PER_SECOND = 65536.0;
    private static final long NANOS = 1_000_000_000L;

    public static NtpShort ofSeconds(double seconds) {
        return new NtpShort(bitsOfSeconds(seconds));
    }

    public static NtpShort ofNanos(long nanos) {
        return new NtpShort(bitsOfNanos(nanos));
    }

    /** Seconds → wire bits, rounding up, saturating. */
    public static int bitsOfSeconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return 0xFFFF_FFFF;
        }
        if (seconds <= 0) {
            return 0;
        }
        double units = Math.ceil(seconds * UNITS_PER_SECOND);
        return units >= 0x1_0000_0000L ? 0xFFFF_FFFF : (int) (long) units;
    }

    /** Nanoseconds → wire bits, rounding up exactly, saturating. */
    public static int bitsOfNanos(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos >= 65_536L * NANOS) {
            return 0xFFFF_FFFF;
        }
        // nanos < 6.6e13, so nanos·2^16 < 4.3e18 fits a long
        long units = Math.ceilDiv(nanos << 16, NANOS);
        return units > 0xFFFF_FFFFL ? 0xFFFF_FFFF : (int) units;
    }

    public long unsignedBits() {
        return Integer.toUnsignedLong(bits);
    }

    public double toSeconds() {
        return unsignedBits() / UNITS_PER_SECOND;
    }

    public long toNanos() {
        return (unsignedBits() * NANOS + (1L << 15)) >>> 16;
    }

    @Override
    public String toString() {
        return toSeconds() + "s";
    }
}
