package io.gnomon.gps;

import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;

/**
 * One receiver cycle's verdict on time, as the reference-clock layer sees it: either the receiver asserts
 * a UTC second it can be trusted for, or it does not, with a reason.
 */
public sealed interface EpochTime {

    /** Monotonic arrival time of the first byte of the cycle's first sentence. */
    MonotonicTime firstByteArrival();

    /**
     * The receiver names the UTC second {@code second} (whole second, nanos = 0).
     * {@code leapSecond} is true when the receiver printed 23:59:60: then {@code second} is 23:59:59
     * of that day repeated in POSIX counting, and the label is the inserted second.
     */
    record Asserted(UtcTime second, boolean leapSecond, MonotonicTime firstByteArrival) implements EpochTime {
    }

    /** The cycle names no second we can trust; {@code reason} says why, in words an operator can read. */
    record Refused(String reason, MonotonicTime firstByteArrival) implements EpochTime {
    }
}
