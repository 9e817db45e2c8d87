package io.gnomon.adapter.serial;

import io.gnomon.time.MonotonicTime;

/**
 * Turns "when a read returned" into "when the chunk's first byte arrived" for one connection.
 *
 * <p>The stamp taken right after {@code read()} returns is the time the chunk's <em>last</em> byte was handed to
 * us: no earlier than that byte's stop bit, later by the driver's and the scheduler's latency. At 8N1 every byte
 * takes 10 bit times on the wire, so a chunk of n bytes started arriving no later than
 * {@code returned − n × 10 / baud}; that is the estimate. It is an upper bound: latency, and gaps between bytes
 * on the wire, both mean the first byte really arrived earlier.
 *
 * <p>Some devices do not carry bytes at the baud rate at all: a pseudo-terminal ({@code /dev/pts/N}) hands over what
 * was written at once, and a USB CDC-ACM receiver ({@code /dev/ttyACMN}, most u-blox on USB) sends its sentences in
 * USB packets whatever rate is set. Subtracting wire time there would place a chunk up to n × 10 / baud too early
 * (at 9600 baud, 67 ms for a 64-byte USB packet; before the PPS edge it follows, for a receiver that talks soon after
 * it), so {@link #forDevice} uses no wire time for them. USB-serial bridges ({@code /dev/ttyUSBN}) have a real UART
 * on the far side and are paced.
 *
 * <p>Estimates never go backwards: a chunk that started arriving after the previous one is given at least the
 * previous chunk's estimate (subtracting wire time from a large chunk read soon after a small one could otherwise
 * reorder them by a fraction of a byte time).
 */
final class ChunkArrival {
    private final long nanosPerByte;
    private MonotonicTime previous;

    ChunkArrival(int baud) {
        this(wireNanosPerByte(baud));
    }

    private ChunkArrival(long nanosPerByte) {
        this.nanosPerByte = nanosPerByte;
    }

    /** For the real device a path resolved to: no wire time where bytes are not paced by the baud rate. */
    static ChunkArrival forDevice(String device, int baud) {
        long perByte = wireNanosPerByte(baud);
        return new ChunkArrival(device.startsWith("/dev/pts/") || device.startsWith("/dev/ttyACM") ? 0 : perByte);
    }

    private static long wireNanosPerByte(int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        return 10L * 1_000_000_000L / baud;
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
