package io.gnomon.adapter.pps;

/**
 * Repairs a nanosecond timestamp that was computed in 32-bit arithmetic.
 *
 * <p>pi4j-library-gpiod's JNI glue turns the event's {@code struct timespec} into nanoseconds as
 * {@code ts.tv_nsec + ts.tv_sec * 1000000000} (com_pi4j_library_gpiod_internal_GpioD.c,
 * c_gpiod_line_event_get_timespec). On armhf {@code tv_sec} is a 32-bit {@code long} unless built with 64-bit
 * time_t, so the product can wrap modulo 2^32. Only the low 32 bits are then trustworthy, and they identify the
 * instant uniquely within any 2^32 ns (≈ 4.29 s) window. The event is read shortly after it happened, so the true
 * value is the latest instant not after {@code now} whose low 32 bits match. Applied on 32-bit ABIs only.
 */
final class MonotonicNanos32 {

    private static final long MASK = 0xFFFF_FFFFL;

    private MonotonicNanos32() {}

    /**
     * @param wrapped a CLOCK_MONOTONIC reading of which only the low 32 bits are right
     * @param now     CLOCK_MONOTONIC read after the event, less than 2^32 ns after it
     */
    static long unwrap(long wrapped, long now) {
        long back = (now - wrapped) & MASK;
        return now - back;
    }
}
