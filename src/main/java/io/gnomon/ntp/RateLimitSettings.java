package io.gnomon.ntp;

/**
 * Rate limiting configuration.
 *
 * @param enabled              false: every request is answered
 * @param tableSlots           clients tracked at once; a power of two ≥ 2 (16 bytes + 4 per slot)
 * @param averageIntervalNanos the average spacing a client must keep between requests
 * @param burst                requests a client may send back to back before the average applies
 * @param kissOneIn            answer one refused request in this many with KoD RATE, drop the others
 * @param limitLoopback        also limit 127.0.0.0/8 and ::1 (off by default: local tools and benchmarks)
 */
public record RateLimitSettings(boolean enabled, int tableSlots, long averageIntervalNanos, int burst,
                                int kissOneIn, boolean limitLoopback) {

    public RateLimitSettings {
        if (tableSlots < 2 || Integer.bitCount(tableSlots) != 1) {
            throw new IllegalArgumentException("tableSlots must be a power of two >= 2: " + tableSlots);
        }
        if (averageIntervalNanos <= 0 || burst < 1 || kissOneIn < 1) {
            throw new IllegalArgumentException("interval > 0, burst >= 1 and kissOneIn >= 1 required");
        }
    }

    /**
     * On; 4096 clients tracked (about 80 KB per receive thread); one request per 2 s on average with bursts
     * of 16 (well above an NTP client's 64 s default poll, and iburst's 8 quick requests); KoD for one
     * refusal in 4; loopback exempt.
     */
    public static RateLimitSettings standard() {
        return new RateLimitSettings(true, 4096, 2_000_000_000L, 16, 4, false);
    }

    public static RateLimitSettings off() {
        return new RateLimitSettings(false, 2, 1, 1, 1, false);
    }
}
