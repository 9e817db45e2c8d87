package io.gnomon.adapter.serial;

import io.gnomon.time.MonotonicTime;

/**
 * Turns "when a read returned" into "when the chunk's first byte arrived" for one connection.
 *
 * <p>The stamp taken right after {@code read()} returns is the time the chunk's <em>last</em> byte was handed to
 * us: no earlier than that byte's stop bit, later by the driver's and the scheduler's latency. At 8N1 every byte
 * takes 10 bit times on the wire, so a chunk of n bytes started arriving no later than
 * {@code returned − n × 10 / baud}; that is the estimate. It is an upper bound: latency, and gaps between bytes
 * on the wire, both mean the first byte really arrived earlier. On a pseudo-terminal bytes do not travel at the
 * baud rate at all, so the estimate there is only an ordering.
 *
 * <p>Estimates never go backwards: a chunk that started arriving after the previous one is given at least the
 * previous chunk's estimate (subtracting wire time from a large chunk read soon after a small one could otherwise
 * reorder them by a fraction of a byte time).
 */
final class ChunkArrival {
    private final long nanosPerByte;
    private MonotonicTime previous;

    ChunkArrival(int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        this.nanosPerByte = 10L * 1_000_000_000L / baud;
    }

    /** Nanoseconds one byte takes on the wire at this baud rate, 8N1. */
    long nanosPerByte() {
        return nanosPerByte;
    }

    MonotonicTime firstByte(MonotonicTime readReturned, int length) {
        MonotonicTime estimate = readReturned.plusNanos(-length * nanosPerByte);
        if (previous != null && estimate.compareTo(previous) < 0) {
            estimate = previous;
        }
        previous = estimate;
        return estimate;
    }
}
