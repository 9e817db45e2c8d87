package io.gnomon.nmea;

import io.gnomon.time.MonotonicTime;
import java.util.Objects;

/**
 * Cuts NMEA 0183 sentences out of a raw serial byte stream.
 *
 * <p>A sentence starts at '$' or '!' and ends at CR or LF (so CR LF, bare LF, bare CR and CR CR LF all work; empty
 * lines between sentences are separators, not errors). Anything else is rejected as a run with one reason:
 * bytes between sentences (binary UBX/RTCM3/Ashtech packets, escape codes, NULs), a control or non-ASCII byte
 * inside a sentence (the rest of that line is dropped with it), a start character inside a line (the unfinished
 * sentence is dropped, the new one begins there), an over-long line, a bad or malformed checksum, a missing
 * checksum unless {@link FramerConfig#acceptUnverified()}. A sentence keeps the arrival time of the chunk that
 * carried its start character.
 *
 * <p>Pure and single-threaded: it reads no clock and keeps no reference to the caller's arrays.
 */
public final class NmeaFramer implements SerialByteSink {

    /**
     * A rejected run longer than this is reported in pieces of this many bytes, so that the counts grow while a
     * line delivers nothing but garbage (a wrong baud rate sends no CR, LF or '$' to end the run). Longer than any
     * binary packet a GPS receiver interleaves with NMEA in practice.
     */
    static final int MAX_RUN_BYTES = 4096;

    private static final int CR = '\r';
    private static final int LF = '\n';

    private enum State { BETWEEN_SENTENCES, IN_SENTENCE, DISCARDING }

    private final FramerConfig config;
    private final FramerOutput out;

    private State state = State.BETWEEN_SENTENCES;
    private char start;
    private MonotonicTime sentenceArrival;
    private final StringBuilder line = new StringBuilder();

    // the open rejected run, if any
    private FramingRejectReason runReason;
    private int runBytes;
    private MonotonicTime runArrival;
    private final StringBuilder runExcerpt = new StringBuilder();
    private long lineEndBytes;

    public NmeaFramer(FramerConfig config, FramerOutput out) {
        this.config = Objects.requireNonNull(config);
        this.out = Objects.requireNonNull(out);
    }

    @Override
    public void accept(byte[] data, int offset, int length, MonotonicTime arrival) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(arrival);
        for (int i = offset; i < offset + length; i++) {
            onByte(data[i] & 0xFF, arrival);
        }
    }

    /** The input has ended (end of a replayed file, port closed): settle whatever is open. */
    public void endOfInput() {
        switch (state) {
            case IN_SENTENCE -> {
                // A complete, checksummed sentence lacking only its line end is kept; anything else is truncated.
                if (hasWellFormedChecksum()) {
                    finishSentence();
                } else {
                    rejectSentence(FramingRejectReason.TRUNCATED_AT_END_OF_INPUT);
                }
            }
            case DISCARDING, BETWEEN_SENTENCES -> closeRun();
        }
        state = State.BETWEEN_SENTENCES;
    }

    /**
     * CR and LF bytes that ended a line or separated lines. Every input byte is exactly one of: such a line end, a
     * character of a delivered sentence ({@link FramedSentence#text()}), or a byte of a rejected run.
     */
    public long lineEndBytes() {
        return lineEndBytes;
    }

    private void onByte(int b, MonotonicTime arrival) {
        boolean startChar = b == '$' || b == '!';
        boolean lineEnd = b == CR || b == LF;
        if (lineEnd) {
            lineEndBytes++;
        }
        switch (state) {
            case BETWEEN_SENTENCES -> {
                if (startChar) {
                    closeRun();
                    begin(b, arrival);
                } else if (lineEnd) {
                    closeRun();
                } else {
                    extendRun(FramingRejectReason.GARBAGE_BETWEEN_SENTENCES, b, arrival);
                }
            }
            case IN_SENTENCE -> {
                if (startChar) {
                    if (line.isEmpty()) {
                        emitReject(FramingRejectReason.DOUBLED_START, 1, String.valueOf(start), sentenceArrival);
                        start = (char) b;
                    } else {
                        rejectSentence(FramingRejectReason.COLLIDED_WITH_NEXT_SENTENCE);
                        begin(b, arrival);
                    }
                } else if (lineEnd) {
                    finishSentence();
                    state = State.BETWEEN_SENTENCES;
                } else if (b < 0x20 || b > 0x7E) {
                    discardRestOfLine(FramingRejectReason.NON_PRINTABLE_BYTE, b, arrival);
                } else if (2 + line.length() > config.maxLineLength()) { // start char + line + this byte
                    discardRestOfLine(FramingRejectReason.TOO_LONG, b, arrival);
                } else {
                    line.append((char) b);
                }
            }
            case DISCARDING -> {
                if (startChar) {
                    closeRun();
                    begin(b, arrival);
                } else if (lineEnd) {
                    closeRun();
                    state = State.BETWEEN_SENTENCES;
                } else {
                    extendRun(runReason, b, arrival);
                }
            }
        }
    }

    private void begin(int b, MonotonicTime arrival) {
        state = State.IN_SENTENCE;
        start = (char) b;
        sentenceArrival = arrival;
        line.setLength(0);
    }

    private void discardRestOfLine(FramingRejectReason reason, int b, MonotonicTime arrival) {
        closeRun();
        extendRun(reason, start, sentenceArrival);
        for (int i = 0; i < line.length(); i++) {
            extendRun(reason, line.charAt(i), sentenceArrival);
        }
        extendRun(reason, b, arrival);
        line.setLength(0);
        state = State.DISCARDING;
    }

    private void finishSentence() {
        if (line.isEmpty()) {
            rejectSentence(FramingRejectReason.EMPTY_SENTENCE);
            return;
        }
        int star = line.lastIndexOf("*");
        if (star < 0) {
            if (config.acceptUnverified()) {
                out.sentence(new FramedSentence(start, line.toString(), ChecksumStatus.UNVERIFIED, sentenceArrival));
            } else {
                rejectSentence(FramingRejectReason.MISSING_CHECKSUM);
            }
            return;
        }
        int given = hexByte(line, star + 1);
        if (given < 0 || line.length() != star + 3) {
            rejectSentence(FramingRejectReason.MALFORMED_CHECKSUM);
            return;
        }
        String body = line.substring(0, star);
        if (NmeaChecksum.of(body) != given) {
            rejectSentence(FramingRejectReason.BAD_CHECKSUM);
            return;
        }
        out.sentence(new FramedSentence(start, body, ChecksumStatus.VERIFIED, sentenceArrival));
        line.setLength(0);
    }

    private boolean hasWellFormedChecksum() {
        int star = line.lastIndexOf("*");
        return star >= 0 && line.length() == star + 3 && hexByte(line, star + 1) >= 0;
    }

    private void rejectSentence(FramingRejectReason reason) {
        String text = start + line.toString();
        emitReject(reason, text.length(), excerptOf(text), sentenceArrival);
        line.setLength(0);
    }

    private static int hexByte(CharSequence s, int at) {
        if (at + 2 > s.length()) {
            return -1;
        }
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    private void extendRun(FramingRejectReason reason, int b, MonotonicTime arrival) {
        if (runReason != null && runReason != reason) {
            closeRun();
        }
        if (runReason == null) {
            runReason = reason;
            runArrival = arrival;
            runBytes = 0;
            runExcerpt.setLength(0);
        }
        runBytes++;
        if (runExcerpt.length() < FramingReject.EXCERPT_LIMIT) {
            appendPrintable(runExcerpt, b);
        }
        if (runBytes >= MAX_RUN_BYTES) { // endless garbage (a wrong baud rate) is reported piece by piece
            emitReject(runReason, runBytes, runExcerpt.toString(), runArrival);
            runBytes = 0;
            runArrival = arrival;
            runExcerpt.setLength(0);
        }
    }

    private void closeRun() {
        if (runReason != null) {
            if (runBytes > 0) {
                emitReject(runReason, runBytes, runExcerpt.toString(), runArrival);
            }
            runReason = null;
        }
    }

    private void emitReject(FramingRejectReason reason, int bytes, String excerpt, MonotonicTime arrival) {
        out.rejected(new FramingReject(reason, bytes, excerpt, arrival));
    }

    private static String excerptOf(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < FramingReject.EXCERPT_LIMIT; i++) {
            appendPrintable(sb, text.charAt(i));
        }
        return sb.toString();
    }

    private static void appendPrintable(StringBuilder sb, int b) {
        if (b >= 0x20 && b <= 0x7E && b != '\\') {
            sb.append((char) b);
        } else {
            sb.append(String.format("\\x%02X", b));
        }
    }
}
