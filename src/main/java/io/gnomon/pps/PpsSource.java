package io.gnomon.pps;

import java.time.Duration;

/**
 * A source of PPS assert edges: kernel PPS ({@code /dev/ppsN}), its sysfs view, a GPIO line, or a simulation.
 *
 * <p>Pull-based and blocking: the caller (one reader thread in the composition root, or a simulation loop) asks
 * for the next reading and gets a value, never an exception for device trouble. Edges carry the source's own
 * sequence number and a timestamp in the source's own clock domain ({@link io.gnomon.time.RealtimeTime} for
 * kernel PPS, {@link io.gnomon.time.MonotonicTime} for GPIO line events); converting domains is the caller's job.
 *
 * <p>When the device is missing or unusable {@link #next} returns {@link PpsReading.Unavailable} at once, and tries
 * to open the device again on the following call; callers back off (e.g. one second) before asking again.
 */
public interface PpsSource extends AutoCloseable {

    /** What this source reads, e.g. {@code /dev/pps0}, for messages. */
    String device();

    /** The clock domain the edges' timestamps are in, for messages ("CLOCK_REALTIME", "CLOCK_MONOTONIC"). */
    String clockDomain();

    /**
     * Waits up to {@code timeout} for the next assert edge.
     *
     * @return an {@link PpsReading.Edge}, {@link PpsReading.NoEdge} when the timeout passed without one,
     *         {@link PpsReading.Garbled} for a reading that could not be decoded, or
     *         {@link PpsReading.Unavailable} when the device cannot be used (missing, no permission, closed, ...)
     */
    PpsReading next(Duration timeout) throws InterruptedException;

    /** Releases the device; idempotent. Later calls to {@link #next} return {@link PpsFault#CLOSED}. */
    @Override
    void close();
}
