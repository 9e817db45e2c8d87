package io.gnomon.refclock;

import io.gnomon.time.UtcTime;

/**
 * How edges are paired with the receiver's seconds.
 *
 * @param sendsBeforeEdge   the receiver prints second N's sentences before N's edge (most print them after)
 * @param minDelayNanos     the smallest plausible first-byte delay after the edge (or lead before it)
 * @param maxDelayNanos     the largest plausible one
 * @param maxSpreadNanos    the delays in the window may spread this much at most, else the second is ambiguous
 * @param window            how many recent delays are judged
 * @param verifyCount       consecutive agreeing seconds before the receiver's time is believed
 * @param earliestPlausible a receiver second before this (e.g. the build date) is refused (1980 cold starts,
 *                          week-rollover dates)
 * @param maxUnconfirmedSeconds edges keep being labelled by counting for this long without a confirming epoch
 */
public record LabellerConfig(boolean sendsBeforeEdge, long minDelayNanos, long maxDelayNanos, long maxSpreadNanos,
                             int window, int verifyCount, UtcTime earliestPlausible, long maxUnconfirmedSeconds) {

    public static LabellerConfig defaults(UtcTime earliestPlausible) {
        return new LabellerConfig(false, 20_000_000L, 950_000_000L, 150_000_000L, 16, 3, earliestPlausible, 60);
    }

    public LabellerConfig sendingBeforeEdge() {
        return new LabellerConfig(true, minDelayNanos, maxDelayNanos, maxSpreadNanos, window, verifyCount,
                earliestPlausible, maxUnconfirmedSeconds);
    }
}
