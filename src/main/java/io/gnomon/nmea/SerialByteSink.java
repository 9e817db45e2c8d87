package io.gnomon.nmea;

import io.gnomon.time.MonotonicTime;

/**
 * Receives raw bytes from a serial adapter (or a replayed capture, or a simulated receiver).
 * The arrival time is the monotonic time the adapter read the first byte of this chunk.
 * Implementations must not keep a reference to {@code data} after returning.
 */
@FunctionalInterface
public interface SerialByteSink {
    void accept(byte[] data, int offset, int length, MonotonicTime arrival);
}
