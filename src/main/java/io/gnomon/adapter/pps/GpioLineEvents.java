package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsFault;
import java.time.Duration;

/**
 * Edge events from one requested GPIO line, as the kernel reports them: a timestamp in nanoseconds and the edge
 * direction. The kernel's GPIO character device stamps events with CLOCK_MONOTONIC by default since Linux 5.7
 * (commit f8850206e160, "gpio: Switch timestamps to ktime_get_ns()"; commit 26d060e47e25 notes "CLOCK_REALTIME was
 * the default source clock for GPIO until Linux 5.7"). A seam: the real ones are {@link GpiodLineEvents}
 * (pi4j-library-gpiod) and {@link UapiLineEvents} (v2 uAPI through FFM).
 */
interface GpioLineEvents extends AutoCloseable {

    /** The outcome of one wait. */
    sealed interface Outcome {}

    /**
     * An edge: the kernel's CLOCK_MONOTONIC timestamp in nanoseconds, whether the line went high, and the kernel's
     * per-line event sequence number (starts at 1; 0 when the interface does not give one).
     */
    record LineEvent(long timestampNanos, boolean rising, long lineSequence) implements Outcome {}

    /** No event within the timeout. */
    record Timeout() implements Outcome {}

    /** The line cannot be used any more. */
    record Failed(PpsFault fault, String detail) implements Outcome {}

    Outcome await(Duration timeout) throws InterruptedException;

    @Override
    void close();

    /** Opens a line for rising-edge events, or says why it cannot. */
    @FunctionalInterface
    interface Opener {
        /** Either an open line (left) or a failure (right): exactly one is non-null. */
        Opened open();
    }

    record Opened(GpioLineEvents line, Failed failure) {}
}
