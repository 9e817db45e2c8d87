package io.gnomon.ntp;

/**
 * Everything the server core decides by, fixed at start.
 *
 * @param precisionLog2  the served clock's precision, log2 seconds (see {@link ClockPrecision})
 * @param rateLimit      per-client limits, answered with KoD RATE or silence when exceeded
 * @param authentication what to do with extension fields and MACs
 */
public record ServerPolicy(int precisionLog2, RateLimitSettings rateLimit, Authentication authentication) {

    public ServerPolicy {
        if (precisionLog2 < -128 || precisionLog2 > 127) {
            throw new IllegalArgumentException("precision must fit a signed byte: " + precisionLog2);
        }
        java.util.Objects.requireNonNull(rateLimit, "rateLimit");
        java.util.Objects.requireNonNull(authentication, "authentication");
    }

    /** Unauthenticated, with the given precision and rate limits. */
    public static ServerPolicy of(int precisionLog2, RateLimitSettings rateLimit) {
        return new ServerPolicy(precisionLog2, rateLimit, new Authentication.Off());
    }

    /**
     * The poll exponent a KoD RATE asks for: the smallest log2 seconds at least the average interval the limiter
     * wants (2 s → 1), so a client that obeys stays under the limit.
     */
    public int kissPollLog2() {
        long seconds = Math.max(1, rateLimit.averageIntervalNanos() / 1_000_000_000L);
        return 64 - Long.numberOfLeadingZeros(seconds - 1);
    }
}
