package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nmea.ChecksumStatus;
import io.gnomon.nmea.DecodeCounters;
import io.gnomon.nmea.FramedSentence;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.FramerOutput;
import io.gnomon.nmea.FramingCounters;
import io.gnomon.nmea.FramingReject;
import io.gnomon.nmea.FramingRejectReason;
import io.gnomon.nmea.NmeaChecksum;
import io.gnomon.nmea.NmeaFramer;
import io.gnomon.nmea.NmeaSentence;
import io.gnomon.nmea.SentenceDecoders;
import io.gnomon.time.MonotonicTime;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes, mutated real receiver output and very long lines: the framer, the decoders and the epoch
 * assembler never throw, every input byte ends up in a sentence, a line end or a counted reject, and every
 * decoded sentence is counted.
 */
class NmeaFuzzPropertyTest {

    private static final List<byte[]> CORPUS_LINES = corpusLines();

    /** The whole pure pipeline, with everything it produced kept for the checks. */
    private static final class Pipeline implements FramerOutput {
        final FramingCounters framing = new FramingCounters();
        final DecodeCounters decoding = new DecodeCounters();
        final SentenceDecoders decoders = SentenceDecoders.standard();
        final List<FramedSentence> sentences = new ArrayList<>();
        final List<FramingReject> rejects = new ArrayList<>();
        final List<Epoch> epochs = new ArrayList<>();
        final EpochAssembler assembler = new EpochAssembler(DateResolver.anchoredAt(LocalDate.of(2019, 3, 14)), epochs::add);
        final NmeaFramer framer;

        Pipeline(FramerConfig config) {
            framer = new NmeaFramer(config, this);
        }

        @Override
        public void sentence(FramedSentence s) {
            framing.sentence(s);
            sentences.add(s);
            NmeaSentence decoded = decoders.decode(s);
            decoding.count(decoded);
            assembler.accept(decoded);
        }

        @Override
        public void rejected(FramingReject r) {
            framing.rejected(r);
            rejects.add(r);
        }

        Pipeline feedInChunks(byte[] bytes, int chunk) {
            for (int i = 0; i < bytes.length; i += chunk) {
                framer.accept(bytes, i, Math.min(chunk, bytes.length - i), new MonotonicTime(i));
            }
            framer.endOfInput();
            assembler.endOfInput();
            return this;
        }

        void checkInvariants(byte[] input) {
            long sentenceBytes = sentences.stream().mapToLong(s -> s.text().length()).sum();
            assertEquals(input.length, framer.lineEndBytes() + sentenceBytes + framing.rejectedBytes(),
                    "every byte is a line end, part of a sentence, or part of a counted reject");
            assertEquals(rejects.size(), framing.totalRejects());
            assertEquals(sentences.size(), decoding.total(), "every framed sentence is counted by type");
            for (FramedSentence s : sentences) {
                assertEquals(ChecksumStatus.VERIFIED, s.checksum());
                assertTrue(s.text().length() <= FramerConfig.DEFAULT_MAX_LINE_LENGTH);
            }
            for (FramingReject r : rejects) {
                assertTrue(r.byteCount() > 0 && r.excerpt().length() <= FramingReject.EXCERPT_LIMIT + 3);
            }
            for (Epoch e : epochs) {
                assertTrue(e.valid() || !e.reasons().isEmpty(), "a refused epoch always says why");
                assertTrue(e.valid() || e.verdict() instanceof EpochTime.Refused);
            }
        }
    }

    @Property(tries = 300)
    void randomBytesNeverThrowAndEveryByteIsAccounted(@ForAll @Size(max = 3000) byte[] bytes,
                                                      @ForAll @IntRange(min = 1, max = 64) int chunk) {
        new Pipeline(FramerConfig.defaults()).feedInChunks(bytes, chunk).checkInvariants(bytes);
    }

    @Property(tries = 300)
    void mutatedRealSentencesNeverThrowAndLeaveCountedReasons(@ForAll("mutatedReceiverOutput") byte[] bytes,
                                                              @ForAll @IntRange(min = 1, max = 300) int chunk) {
        Pipeline p = new Pipeline(FramerConfig.defaults()).feedInChunks(bytes, chunk);
        p.checkInvariants(bytes);
        Pipeline unverified = new Pipeline(FramerConfig.defaults().withAcceptUnverified(true)).feedInChunks(bytes, chunk);
        assertEquals(bytes.length, unverified.framer.lineEndBytes() + unverified.framing.rejectedBytes()
                + unverified.sentences.stream().mapToLong(s -> s.text().length()).sum());
    }

    @Property(tries = 100)
    void chunkingNeverChangesWhatIsFramed(@ForAll("mutatedReceiverOutput") byte[] bytes,
                                          @ForAll @IntRange(min = 1, max = 97) int chunk) {
        Pipeline whole = new Pipeline(FramerConfig.defaults()).feedInChunks(bytes, Math.max(1, bytes.length));
        Pipeline pieces = new Pipeline(FramerConfig.defaults()).feedInChunks(bytes, chunk);
        assertEquals(whole.sentences.stream().map(FramedSentence::text).toList(),
                pieces.sentences.stream().map(FramedSentence::text).toList());
        assertEquals(whole.rejects.stream().map(FramingReject::reason).toList(),
                pieces.rejects.stream().map(FramingReject::reason).toList());
        assertEquals(whole.epochs.stream().map(Epoch::isoTime).toList(), pieces.epochs.stream().map(Epoch::isoTime).toList());
    }

    @Property(tries = 100)
    void veryLongLinesAreRejectedAsTooLongAndTheNextSentenceSurvives(
            @ForAll @IntRange(min = 257, max = 20_000) int length, @ForAll("printable") char filler) {
        String next = NmeaChecksum.sentence("GPRMC,123456,A,4807.038,N,01131.000,E,0.0,0.0,070419,,,A");
        String input = "$GPGGA," + String.valueOf(filler).repeat(length) + "\r\n" + next + "\r\n";
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        Pipeline p = new Pipeline(FramerConfig.defaults()).feedInChunks(bytes, 512);
        p.checkInvariants(bytes);
        assertEquals(next, p.sentences.getLast().text());
        assertTrue(p.framing.rejects(FramingRejectReason.TOO_LONG) + p.framing.rejects(FramingRejectReason.COLLIDED_WITH_NEXT_SENTENCE)
                + p.framing.rejects(FramingRejectReason.DOUBLED_START) >= 1);
        assertEquals(List.of("2019-04-07T12:34:56.000Z"), p.epochs.stream().filter(Epoch::valid).map(Epoch::isoTime).toList());
    }

    @Provide
    Arbitrary<Character> printable() {
        return Arbitraries.chars().range(' ', '~').filter(c -> c != '$' && c != '!' && c != '*');
    }

    @Provide
    Arbitrary<byte[]> mutatedReceiverOutput() {
        Arbitrary<Integer> start = Arbitraries.integers().between(0, CORPUS_LINES.size() - 1);
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 40);
        Arbitrary<List<int[]>> mutations = Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .list().ofMinSize(3).ofMaxSize(3).map(l -> new int[] {l.get(0), l.get(1), l.get(2)})
                .list().ofMaxSize(12);
        return Combinators.combine(start, count, mutations).as((s, c, muts) -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = s; i < Math.min(CORPUS_LINES.size(), s + c); i++) {
                out.writeBytes(CORPUS_LINES.get(i));
            }
            byte[] b = out.toByteArray();
            for (int[] m : muts) {
                b = mutate(b, m[0] % 5, m[1], m[2]);
            }
            return b;
        });
    }

    /** One mutation: flip a bit, insert a byte, delete a byte, duplicate a run, or cut the end. */
    static byte[] mutate(byte[] b, int kind, int where, int what) {
        if (b.length == 0) {
            return new byte[] {(byte) what};
        }
        int at = where % b.length;
        switch (kind) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << (what % 8));
                return c;
            }
            case 1 -> {
                byte[] special = {0, '$', '!', '*', '\r', '\n', ',', (byte) 0xB5, 0x1B, (byte) what};
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = special[what % special.length];
                System.arraycopy(b, at, c, at + 1, b.length - at);
                return c;
            }
            case 2 -> {
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                return c;
            }
            case 3 -> {
                int len = Math.min(what % 100, b.length - at);
                byte[] c = new byte[b.length + len];
                System.arraycopy(b, 0, c, 0, at + len);
                System.arraycopy(b, at, c, at + len, b.length - at);
                return c;
            }
            default -> {
                return Arrays.copyOf(b, at);
            }
        }
    }

    private static List<byte[]> corpusLines() {
        List<byte[]> lines = new ArrayList<>();
        for (CorpusCapture c : CorpusCapture.all()) {
            byte[] b = c.bytes();
            int from = 0;
            for (int i = 0; i < b.length && lines.size() < 20_000; i++) {
                if (b[i] == '\n') {
                    lines.add(Arrays.copyOfRange(b, from, i + 1));
                    from = i + 1;
                }
            }
        }
        return lines;
    }
}
