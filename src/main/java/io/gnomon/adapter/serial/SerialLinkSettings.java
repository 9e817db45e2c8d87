package io.gnomon.adapter.serial;

import java.time.Duration;

/**
 * How to reach the receiver: device path (may be a symlink such as /dev/serial0), baud rate (8N1), how fast to
 * retry when the port is missing, busy or lost (capped exponential backoff), how long the port may stay silent
 * before we check that the path still leads to the device we opened, and how long bytes may arrive without one
 * valid NMEA sentence before the link searches the other baud rates ({@link Duration#ZERO}: never).
 */
public record SerialLinkSettings(String path, int baud, Duration retryInitial, Duration retryMax,
                                 Duration silenceCheck, Duration wrongRateWindow) {

    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(8);
    public static final Duration DEFAULT_SILENCE_CHECK = Duration.ofSeconds(2);
    public static final Duration DEFAULT_WRONG_RATE_WINDOW = Duration.ofSeconds(10);

    public SerialLinkSettings {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("serial device path is empty");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baud);
        }
        new RetryBackoff(retryInitial, retryMax); // validates
        if (wrongRateWindow == null || wrongRateWindow.isNegative()) {
            throw new IllegalArgumentException("wrong-rate window must be zero (off) or positive: " + wrongRateWindow);
        }
    }

    public static SerialLinkSettings of(String path, int baud) {
        return new SerialLinkSettings(path, baud, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX, DEFAULT_SILENCE_CHECK,
                DEFAULT_WRONG_RATE_WINDOW);
    }

    public SerialLinkSettings withRetry(Duration initial, Duration max) {
        return new SerialLinkSettings(path, baud, initial, max, silenceCheck, wrongRateWindow);
    }

    public SerialLinkSettings withBaud(int newBaud) {
        return new SerialLinkSettings(path, newBaud, retryInitial, retryMax, silenceCheck, wrongRateWindow);
    }

    /** {@link Duration#ZERO}: never search other rates (a receiver that sends no NMEA checksums, say). */
    public SerialLinkSettings withWrongRateWindow(Duration window) {
        return new SerialLinkSettings(path, baud, retryInitial, retryMax, silenceCheck, window);
    }
}
