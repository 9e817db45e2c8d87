package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsFault;
import java.time.Duration;

/**
 * Edge events from one requested GPIO line, as the kernel reports them: a timestamp in nanoseconds and the edge
 * direction. The kernel's GPIO character device stamps events with CLOCK_MONOTONIC by default since Linux 5.7
 * (commit f8850206e160, "gpio: Switch timestamps to ktime_get_ns()"; commit 26d060e47e25 notes "CLOCK_REALTIME was
 * the default source clock for GPIO until Linux 5.7"). A seam: the real one is {@link GpiodLineEvents}.
 */
interface GpioLineEvents extends AutoCloseable {

    /** The outcome of one wait. */
    sealed interface Outcome {}

    /** An edge: the kernel's timestamp in nanoseconds and whether the line went high. */
    record LineEvent(long timestampNanos, boolean rising) implements Outcome {}

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
