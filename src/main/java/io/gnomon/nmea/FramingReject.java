package io.gnomon.nmea;

import io.gnomon.time.MonotonicTime;

/**
 * A run of bytes the framer rejected: why, how many bytes, a printable excerpt (non-printable bytes shown as
 * {@code \xNN}, at most {@value #EXCERPT_LIMIT} characters), and the arrival time of the run's first byte.
 */
public record FramingReject(FramingRejectReason reason, int byteCount, String excerpt, MonotonicTime firstByteArrival) {

    public static final int EXCERPT_LIMIT = 120;
}
