package io.gnomon.adapter.serial;

import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the receiver's baud rate by listening at each candidate rate for a short window and letting
 * {@link BaudDetector} judge; stops early once a rate is clearly right. On a pseudo-terminal the rate is ignored
 * by the kernel, so the first candidate always "wins" there.
 */
public final class BaudProbe {
    private static final int MAX_SAMPLE = 64 * 1024;

    /** Either a decision from the samples, or the port could not be opened at all. */
    public sealed interface Result {}

    public record Decided(BaudDetector.Decision decision) implements Result {}

    public record CannotOpen(OpenOutcome.Failure failure) implements Result {}

    private final SerialPortOpener opener;
    private final MonotonicClock clock;
    private final Duration window;

    public BaudProbe(SerialPortOpener opener, MonotonicClock clock, Duration window) {
        this.opener = opener;
        this.clock = clock;
        this.window = window;
    }

    public Result probe(String path, List<Integer> candidates) {
        List<BaudDetector.Sample> samples = new ArrayList<>();
        for (int baud : candidates) {
            switch (opener.open(path, baud)) {
                case OpenOutcome.Failure failure -> {
                    return new CannotOpen(failure);
                }
                case OpenOutcome.Opened opened -> {
                    BaudDetector.Sample s = listen(opened.connection(), baud);
                    samples.add(s);
                    if (s.decisive()) {
                        return new Decided(BaudDetector.decide(samples));
                    }
                }
            }
        }
        return new Decided(BaudDetector.decide(samples));
    }

    private BaudDetector.Sample listen(SerialConnection connection, int baud) {
        byte[] sample = new byte[MAX_SAMPLE];
        byte[] buffer = new byte[4096];
        int length = 0;
        try {
            MonotonicTime start = clock.now();
            while (clock.now().nanosSince(start) < window.toNanos() && length < sample.length) {
                int n = connection.read(buffer);
                if (n < 0) {
                    break;
                }
                int take = Math.min(n, sample.length - length);
                System.arraycopy(buffer, 0, sample, length, take);
                length += take;
            }
        } finally {
            connection.close();
        }
        return BaudDetector.Sample.of(baud, Arrays.copyOf(sample, length), length);
    }
}
