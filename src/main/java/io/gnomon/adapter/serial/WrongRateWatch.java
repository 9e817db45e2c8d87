package io.gnomon.adapter.serial;

import io.gnomon.time.MonotonicTime;

/**
 * Notices that the port reads at another rate than the receiver sends: a whole window in which bytes kept arriving
 * but not one NMEA sentence among them had a right checksum ({@link NmeaChecksumTally}). At the right rate a
 * receiver sends several sentences a second; at a wrong one the UART assembles garbage in which a valid sentence
 * essentially never appears. Receivers revert to their default rate (often 9600) after a reset or a power loss
 * without backup, so this can start at any time, not only at start-up. Pure: fed chunks and their stamps.
 */
final class WrongRateWatch {
    /** Fewer bytes than this in a window is silence, not garbage: a quiet or unplugged receiver is not hunted. */
    static final int MIN_BYTES = 256;
    /** Judged on the window's first bytes: at the right rate they hold hundreds of sentences. */
    private static final int SAMPLE_BYTES = 16 * 1024;

    private final long windowNanos;
    private final byte[] sample = new byte[SAMPLE_BYTES];
    private int sampled;
    private long bytes;
    private MonotonicTime windowStart;

    WrongRateWatch(java.time.Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowNanos = window.toNanos();
    }

    /** Adds a chunk read at {@code at}; true when the window it closes had enough bytes and no valid sentence. */
    boolean add(byte[] data, int length, MonotonicTime at) {
        if (windowStart == null) {
            windowStart = at;
        }
        int take = Math.min(length, sample.length - sampled);
        System.arraycopy(data, 0, sample, sampled, take);
        sampled += take;
        bytes += length;
        if (at.nanosSince(windowStart) < windowNanos) {
            return false;
        }
        boolean wrong = bytes >= MIN_BYTES && NmeaChecksumTally.of(sample, 0, sampled).valid() == 0;
        windowStart = at;
        sampled = 0;
        bytes = 0;
        return wrong;
    }
}
