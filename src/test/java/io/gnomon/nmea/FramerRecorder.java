package io.gnomon.nmea;

import io.gnomon.time.MonotonicTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a framer whose output is recorded. */
final class FramerRecorder implements FramerOutput {

    final List<FramedSentence> sentences = new ArrayList<>();
    final List<FramingReject> rejects = new ArrayList<>();
    final NmeaFramer framer;

    FramerRecorder(FramerConfig config) {
        framer = new NmeaFramer(config, this);
    }

    FramerRecorder() {
        this(FramerConfig.defaults());
    }

    @Override
    public void sentence(FramedSentence sentence) {
        sentences.add(sentence);
    }

    @Override
    public void rejected(FramingReject reject) {
        rejects.add(reject);
    }

    FramerRecorder feed(String ascii, long arrivalNanos) {
        return feed(ascii.getBytes(StandardCharsets.ISO_8859_1), arrivalNanos);
    }

    FramerRecorder feed(byte[] bytes, long arrivalNanos) {
        framer.accept(bytes, 0, bytes.length, new MonotonicTime(arrivalNanos));
        return this;
    }

    FramerRecorder end() {
        framer.endOfInput();
        return this;
    }

    List<String> texts() {
        return sentences.stream().map(FramedSentence::text).toList();
    }

    List<FramingRejectReason> reasons() {
        return rejects.stream().map(FramingReject::reason).toList();
    }

    /** Every byte is a line end, part of a delivered sentence, or part of a rejected run. */
    long accountedBytes() {
        return framer.lineEndBytes() + sentences.stream().mapToLong(s -> s.text().length()).sum()
                + rejects.stream().mapToLong(FramingReject::byteCount).sum();
    }
}
