package io.gnomon.nmea;

import static io.gnomon.nmea.FramingRejectReason.BAD_CHECKSUM;
import static io.gnomon.nmea.FramingRejectReason.COLLIDED_WITH_NEXT_SENTENCE;
import static io.gnomon.nmea.FramingRejectReason.DOUBLED_START;
import static io.gnomon.nmea.FramingRejectReason.EMPTY_SENTENCE;
import static io.gnomon.nmea.FramingRejectReason.GARBAGE_BETWEEN_SENTENCES;
import static io.gnomon.nmea.FramingRejectReason.MALFORMED_CHECKSUM;
import static io.gnomon.nmea.FramingRejectReason.MISSING_CHECKSUM;
import static io.gnomon.nmea.FramingRejectReason.NON_PRINTABLE_BYTE;
import static io.gnomon.nmea.FramingRejectReason.TOO_LONG;
import static io.gnomon.nmea.FramingRejectReason.TRUNCATED_AT_END_OF_INPUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.MonotonicTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmeaFramerTest {

    static final String RMC = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";
    static final String GGA = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";

    @Test
    void theSampleSentencesHaveTheChecksumsWeUse() {
        assertEquals(RMC, NmeaChecksum.sentence(RMC.substring(1, RMC.indexOf('*'))));
        assertEquals(GGA, NmeaChecksum.sentence(GGA.substring(1, GGA.indexOf('*'))));
    }

    @Test
    void everyLineEndingStyleEndsASentence() {
        FramerRecorder r = new FramerRecorder().feed(RMC + "\r\n" + GGA + "\n" + RMC + "\r" + GGA + "\r\r\n", 5);
        assertEquals(List.of(RMC, GGA, RMC, GGA), r.texts());
        assertEquals(List.of(), r.rejects);
        assertEquals(ChecksumStatus.VERIFIED, r.sentences.getFirst().checksum());
        assertEquals('$', r.sentences.getFirst().start());
        assertEquals(RMC.substring(1, RMC.indexOf('*')), r.sentences.getFirst().body());
    }

    @Test
    void aisSentencesStartWithAnExclamationMark() {
        String vdm = "!" + NmeaChecksum.sentence("AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0").substring(1);
        FramerRecorder r = new FramerRecorder().feed(vdm + "\r\n", 0);
        assertEquals(List.of(vdm), r.texts());
        assertEquals('!', r.sentences.getFirst().start());
    }

    @Test
    void garbageBetweenSentencesIsOneCountedRunAndResyncs() {
        FramerRecorder r = new FramerRecorder().feed("\u001b[0mjunk" + RMC + "\r\nxx\u0000\u0000" + GGA + "\r\n", 0);
        assertEquals(List.of(RMC, GGA), r.texts());
        assertEquals(List.of(GARBAGE_BETWEEN_SENTENCES, GARBAGE_BETWEEN_SENTENCES), r.reasons());
        assertEquals(8, r.rejects.get(0).byteCount());
        assertEquals("\\x1B[0mjunk", r.rejects.get(0).excerpt());
        assertEquals(4, r.rejects.get(1).byteCount());
    }

    @Test
    void aNulOrEscapeInsideASentenceDropsThatLine() {
        String broken = RMC.substring(0, 20) + "\u0000" + RMC.substring(20);
        FramerRecorder r = new FramerRecorder().feed(broken + "\r\n" + GGA + "\r\n", 0);
        assertEquals(List.of(GGA), r.texts());
        assertEquals(List.of(NON_PRINTABLE_BYTE), r.reasons());
        assertEquals(broken.length(), r.rejects.getFirst().byteCount());
    }

    @Test
    void aDoubledStartCharacterIsDroppedAndTheSentenceKept() {
        FramerRecorder r = new FramerRecorder().feed("$" + RMC + "\r\n", 0);
        assertEquals(List.of(RMC), r.texts());
        assertEquals(List.of(DOUBLED_START), r.reasons());
    }

    @Test
    void aCollisionDropsTheUnfinishedSentenceAndKeepsTheNewOne() {
        FramerRecorder r = new FramerRecorder().feed(GGA.substring(0, 30) + RMC + "\r\n", 0);
        assertEquals(List.of(RMC), r.texts());
        assertEquals(List.of(COLLIDED_WITH_NEXT_SENTENCE), r.reasons());
        assertEquals(GGA.substring(0, 30), r.rejects.getFirst().excerpt());
    }

    @Test
    void checksumsAreCheckedInEitherCase() {
        String lower = RMC.substring(0, RMC.length() - 2) + "6a";
        String wrong = RMC.substring(0, RMC.length() - 2) + "6B";
        FramerRecorder r = new FramerRecorder().feed(lower + "\r\n" + wrong + "\r\n", 0);
        assertEquals(List.of(RMC), r.texts());
        assertEquals(List.of(BAD_CHECKSUM), r.reasons());
    }

    @Test
    void aMalformedChecksumIsItsOwnReason() {
        FramerRecorder r = new FramerRecorder().feed(RMC.substring(0, RMC.length() - 1) + "\r\n"
                + RMC + "X\r\n" + RMC.substring(0, RMC.length() - 2) + "G1\r\n", 0);
        assertEquals(List.of(MALFORMED_CHECKSUM, MALFORMED_CHECKSUM, MALFORMED_CHECKSUM), r.reasons());
    }

    @Test
    void noChecksumIsRejectedUnlessConfiguredThenUnverified() {
        String bare = RMC.substring(0, RMC.indexOf('*'));
        FramerRecorder strict = new FramerRecorder().feed(bare + "\r\n", 0);
        assertEquals(List.of(MISSING_CHECKSUM), strict.reasons());
        FramerRecorder lenient = new FramerRecorder(FramerConfig.defaults().withAcceptUnverified(true)).feed(bare + "\r\n", 0);
        assertEquals(List.of(bare), lenient.texts());
        assertEquals(ChecksumStatus.UNVERIFIED, lenient.sentences.getFirst().checksum());
    }

    @Test
    void anOverLongLineIsRejectedAndTheNextSentenceIsKept() {
        String longLine = "$GPXXX," + "1,".repeat(200);
        FramerRecorder r = new FramerRecorder().feed(longLine + "\r\n" + RMC + "\r\n", 0);
        assertEquals(List.of(RMC), r.texts());
        assertEquals(List.of(TOO_LONG), r.reasons());
        assertEquals(longLine.length(), r.rejects.getFirst().byteCount());
    }

    @Test
    void aLineOfExactlyTheCapIsAccepted() {
        String body = "GPTXT,01,01,02," + "a".repeat(FramerConfig.DEFAULT_MAX_LINE_LENGTH - 19);
        String line = NmeaChecksum.sentence(body);
        assertEquals(FramerConfig.DEFAULT_MAX_LINE_LENGTH, line.length());
        assertEquals(List.of(line), new FramerRecorder().feed(line + "\r\n", 0).texts());
        String tooLong = NmeaChecksum.sentence(body + "a");
        assertEquals(List.of(TOO_LONG), new FramerRecorder().feed(tooLong + "\r\n", 0).reasons());
    }

    @Test
    void aSentenceKeepsTheArrivalOfTheChunkWithItsFirstByte() {
        FramerRecorder r = new FramerRecorder().feed(RMC.substring(0, 10), 1_000).feed(RMC.substring(10) + "\r", 2_000)
                .feed("\n" + GGA.substring(0, 1), 3_000).feed(GGA.substring(1) + "\r\n", 4_000);
        assertEquals(List.of(RMC, GGA), r.texts());
        assertEquals(new MonotonicTime(1_000), r.sentences.get(0).firstByteArrival());
        assertEquals(new MonotonicTime(3_000), r.sentences.get(1).firstByteArrival());
    }

    @Test
    void endOfInputKeepsAChecksummedLastLineAndRejectsATruncatedOne() {
        assertEquals(List.of(RMC), new FramerRecorder().feed(RMC, 0).end().texts());
        FramerRecorder cut = new FramerRecorder().feed(RMC.substring(0, 40), 0).end();
        assertEquals(List.of(TRUNCATED_AT_END_OF_INPUT), cut.reasons());
    }

    @Test
    void anEmptySentenceIsRejected() {
        assertEquals(List.of(EMPTY_SENTENCE), new FramerRecorder().feed("$\r\n", 0).reasons());
    }

    @Test
    void binaryUbxAndRtcmFramesBetweenSentencesNeverBecomeSentences() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes((RMC + "\r\n").getBytes(StandardCharsets.US_ASCII));
        // UBX NAV-PVT-like frame whose payload contains '$', CR, LF, '*' and NUL
        in.writeBytes(new byte[] {(byte) 0xB5, 0x62, 0x01, 0x07, 0x10, 0x00, '$', 'G', 'P', '\r', '\n', '*', 0, (byte) 0xFF});
        // RTCM3 frame: preamble 0xD3, then bytes including '$'
        in.writeBytes(new byte[] {(byte) 0xD3, 0x00, 0x13, 0x3E, '$', (byte) 0xD0, 0x00, 0x03, (byte) 0x8A});
        in.writeBytes((GGA + "\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = in.toByteArray();
        FramerRecorder r = new FramerRecorder().feed(bytes, 0).end();
        assertEquals(List.of(RMC, GGA), r.texts());
        assertTrue(r.rejects.size() >= 2, r.reasons().toString());
        assertEquals(bytes.length, r.accountedBytes());
    }

    @Test
    void everyByteIsAccountedFor() {
        String in = "junk$$" + RMC + "\r\n" + GGA.substring(0, 12) + RMC + "\n$\r\n" + RMC.replace('A', 'B') + "\r\n"
                + "\u0000\u0001" + GGA + "\r\r\n" + GGA.substring(0, 9);
        FramerRecorder r = new FramerRecorder().feed(in, 0).end();
        assertEquals(in.length(), r.accountedBytes());
    }
}
