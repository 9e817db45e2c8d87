package io.gnomon.daemon;

import io.gnomon.ntp.ClockPrecision;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.time.ServedClock;

/** Measures the served clock's precision at start: many back-to-back readings, judged by the NTP core. */
public final class ServedClockPrecision {
    static final int READINGS = 10_000;

    private ServedClockPrecision() {}

    /** log2 seconds; the responder's default when the clock never moved during the readings. */
    static int measure(ServedClock clock) {
        long[] readings = new long[READINGS];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = clock.now().epochNanos();
        }
        try {
            return ClockPrecision.log2Seconds(readings);
        } catch (IllegalArgumentException neverMoved) {
            return NtpResponder.DEFAULT_PRECISION_LOG2;
        }
    }
}
