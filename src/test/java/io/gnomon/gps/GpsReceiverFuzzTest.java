package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gnomon.nmea.ChecksumStatus;
import io.gnomon.nmea.FramedSentence;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.FramerOutput;
import io.gnomon.nmea.FramingReject;
import io.gnomon.nmea.NmeaFramer;
import io.gnomon.nmea.NmeaSentence;
import io.gnomon.time.MonotonicTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the receiver pipeline (Jazzer): serial bytes → NMEA framing → sentence decoding →
 * epochs. The input is the byte stream itself (seeds: heads of real receiver logs from the NMEA corpus), fed in
 * chunks whose sizes vary with the input, with the line going quiet now and then.
 *
 * <p>Invariants, for any bytes: no exception; every byte is accounted for exactly once — a line-end byte, a
 * character of a delivered sentence, or a byte of a rejected run with a reason (counted); with checksums required
 * every delivered sentence is checksum-verified, so no epoch can rest on a bad or missing checksum; every sentence
 * delivered is decoded and counted once; an Asserted epoch names a whole UTC second equal to the epoch's time, is
 * backed by a verified sentence whose address it names, seen since the epoch before last, and is counted; the counts agree with what
 * the listener saw.
 */
@Tag("slow")
class GpsReceiverFuzzTest {

    static final LocalDate ANCHOR = LocalDate.of(2026, 11, 25);

    @FuzzTest(maxDuration = "4s")
    void anyByteStreamIsFramedDecodedAndJudgedSafely(byte[] stream) {
        Recorder seen = new Recorder();
        GpsReceiver receiver = GpsReceiver.standard(ANCHOR, seen);
        ByteCount framed = new ByteCount();
        NmeaFramer framer = new NmeaFramer(FramerConfig.defaults(), framed);

        int chunk = 1 + (stream.length % 61);
        long nanos = 1_000_000_000L;
        for (int at = 0, n = 0; at < stream.length; at += chunk, n++) {
            int length = Math.min(chunk, stream.length - at);
            MonotonicTime arrival = new MonotonicTime(nanos);
            receiver.accept(stream, at, length, arrival);
            framer.accept(stream, at, length, arrival);
            nanos += 37_000_000L;
            if (n % 7 == 6) { // the line goes quiet for a while
                nanos += 900_000_000L;
                receiver.closeCycleIfQuiet(new MonotonicTime(nanos), 500_000_000L);
            }
        }
        receiver.endOfInput();
        framer.endOfInput();

        assertEquals(stream.length, framer.lineEndBytes() + framed.sentenceBytes + framed.rejectedBytes,
                "every byte is a line end, a sentence character or a counted reject");
        assertEquals(framed.rejectedBytes, receiver.framingCounters().rejectedBytes());
        assertEquals(framed.rejects, receiver.framingCounters().totalRejects());
        assertEquals(framed.sentences, receiver.framingCounters().verifiedSentences());
        assertEquals(0, receiver.framingCounters().unverifiedSentences(), "checksums are required");
        assertEquals(framed.sentences, seen.sentences);
        assertEquals(framed.sentences, receiver.decodeCounters().total(), "every sentence decoded and counted");

        assertEquals(seen.epochs.size(), receiver.epochs());
        long asserted = 0;
        for (Recorder.Cycle c : seen.epochs) {
            Epoch e = c.epoch();
            assertEquals(e.valid(), e.time().isPresent());
            if (e.verdict() instanceof EpochTime.Asserted(var second, boolean leap, var arrival)) {
                asserted++;
                assertTrue(e.valid(), "an asserted second comes with a time");
                assertEquals(0, second.epochNanos() % 1_000_000_000L, "a whole second");
                assertEquals(e.time().get().epochSecond(), second.epochSecond());
                assertEquals(e.leapSecond(), leap);
                assertEquals(e.firstByteArrival(), arrival);
                assertTrue(!e.assertedBy().isEmpty(), "asserted by some sentence");
                for (String by : e.assertedBy()) { // "GPRMC", or "GPGGA+date of 2034-11-27"
                    String address = leadingWord(by);
                    // messages as suppliers: building them for every passing check cost a large part of each run
                    assertTrue(c.verifiedAddresses().contains(address),
                            () -> "asserted by " + by + " without a verified " + by + " in the cycle: "
                                    + c.verifiedAddresses());
                }
            }
        }
        assertEquals(asserted, receiver.ppsAssertedEpochs());
    }

    /** The sentence address an "asserted by" label starts with ("GPRMC", "GPGGA+date of ..." → "GPGGA"). */
    private static String leadingWord(String label) {
        int end = 0;
        while (end < label.length() && Character.isLetterOrDigit(label.charAt(end)) && label.charAt(end) < 128) {
            end++;
        }
        return label.substring(0, end);
    }

    /** What the framer alone delivers, in bytes. */
    private static final class ByteCount implements FramerOutput {
        long sentenceBytes;
        long rejectedBytes;
        long sentences;
        long rejects;

        @Override
        public void sentence(FramedSentence s) {
            sentences++;
            sentenceBytes += s.text().length();
        }

        @Override
        public void rejected(FramingReject r) {
            rejects++;
            rejectedBytes += r.byteCount();
            assertTrue(r.byteCount() > 0, "a reject covers at least one byte");
        }
    }

    /** What the receiver tells its listener: sentences, and epochs with the verified addresses since the last one. */
    private static final class Recorder implements ReceiverListener {
        record Cycle(Epoch epoch, Set<String> verifiedAddresses) {
        }

        final List<Cycle> epochs = new ArrayList<>();
        long sentences;
        private Set<String> sinceLastEpoch = new HashSet<>();
        private final Set<String> beforeThat = new HashSet<>();

        @Override
        public void sentence(NmeaSentence s) {
            sentences++;
            assertEquals(ChecksumStatus.VERIFIED, s.source().checksum());
            sinceLastEpoch.add(s.address().toString());
        }

        @Override
        public void epoch(Epoch e) {
            // a cycle is closed by the first sentence of the next one, so that sentence may already be counted here
            Set<String> window = new HashSet<>(sinceLastEpoch);
            window.addAll(beforeThat);
            epochs.add(new Cycle(e, window));
            beforeThat.clear();
            beforeThat.addAll(sinceLastEpoch);
            sinceLastEpoch = new HashSet<>();
        }
    }
}
