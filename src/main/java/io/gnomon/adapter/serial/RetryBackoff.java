package io.gnomon.adapter.serial;

import java.time.Duration;

/**
 * Capped exponential backoff: initial, 2×, 4×, … up to max, then max for ever; {@link #reset()} starts over.
 * Not thread-safe; owned by the one thread that retries.
 */
public final class RetryBackoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    public RetryBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial retry delay must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max retry delay " + max + " is below the initial " + initial);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay to wait now; the following call returns twice as much, capped at max. */
    public Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    public void reset() {
        next = initial;
    }
}
