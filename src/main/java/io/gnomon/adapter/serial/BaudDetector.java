package io.gnomon.adapter.serial;

import io.gnomon.config.BaudRates;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides a receiver's baud rate from samples of what the port delivered at each candidate rate: at the right rate
 * NMEA sentences arrive with valid checksums; at a wrong rate the UART assembles garbage in which a valid
 * {@code $…*hh} sentence essentially never appears. Pure: the samples are taken by {@link BaudProbe}.
 *
 * <p>A receiver that sends sentences without checksums cannot be detected this way; configure its baud rate.
 */
public final class BaudDetector {

    /** The rates tried, in order: every rate the configuration accepts ({@link BaudRates}). */
    public static final List<Integer> CANDIDATES = BaudRates.SEARCH_ORDER;

    /** What one candidate rate produced. */
    public record Sample(int baud, int bytes, int validSentences, int invalidSentences) {
        public static Sample of(int baud, byte[] data, int length) {
            NmeaChecksumTally t = NmeaChecksumTally.of(data, 0, length);
            return new Sample(baud, length, t.valid(), t.invalid());
        }

        /** So clearly NMEA that trying further rates is pointless. */
        public boolean decisive() {
            return validSentences >= 2 && validSentences >= invalidSentences;
        }

        String describe() {
            return baud + ": " + bytes + " bytes, " + validSentences + " valid / " + invalidSentences + " bad";
        }
    }

    public sealed interface Decision {
        List<Sample> samples();

        /** Description of the evidence, one line. */
        default String evidence() {
            return samples().stream().map(Sample::describe).collect(Collectors.joining("; "));
        }
    }

    public record Detected(int baud, List<Sample> samples) implements Decision {}

    public record Undetected(String reason, List<Sample> samples) implements Decision {}

    private BaudDetector() {}

    /**
     * The rate with the most valid sentences, if it has at least one and no other rate has as many. A single
     * valid sentence is accepted: at a wrong rate even one is very unlikely (it needs a framed '$', then a
     * '*' and two hex digits matching the XOR of everything between).
     */
    public static Decision decide(List<Sample> samples) {
        if (samples.isEmpty()) {
            return new Undetected("no rate was tried", samples);
        }
        if (samples.stream().allMatch(s -> s.bytes() == 0)) {
            return new Undetected("no bytes arrived at any rate (receiver off, wrong pin, or TX/RX swapped?)",
                    samples);
        }
        Sample best = samples.stream().max(Comparator.comparingInt(Sample::validSentences)).orElseThrow();
        if (best.validSentences() == 0) {
            return new Undetected("bytes arrived but no NMEA sentence with a valid checksum at any rate", samples);
        }
        long tied = samples.stream().filter(s -> s.validSentences() == best.validSentences()).count();
        if (tied > 1) {
            return new Undetected("ambiguous: " + tied + " rates produced " + best.validSentences()
                    + " valid sentences each", samples);
        }
        return new Detected(best.baud(), List.copyOf(samples));
    }
}
