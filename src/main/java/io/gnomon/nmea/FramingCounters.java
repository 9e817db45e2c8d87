package io.gnomon.nmea;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Counts of framed sentences and of rejected byte runs by reason. Not thread-safe: owned by the framer's caller. */
public final class FramingCounters implements FramerOutput {

    private final EnumMap<FramingRejectReason, Long> rejects = new EnumMap<>(FramingRejectReason.class);
    private long verified;
    private long unverified;
    private long rejectedBytes;

    @Override
    public void sentence(FramedSentence sentence) {
        if (sentence.checksum() == ChecksumStatus.VERIFIED) {
            verified++;
        } else {
            unverified++;
        }
    }

    @Override
    public void rejected(FramingReject reject) {
        rejects.merge(reject.reason(), 1L, Long::sum);
        rejectedBytes += reject.byteCount();
    }

    public long verifiedSentences() {
        return verified;
    }

    public long unverifiedSentences() {
        return unverified;
    }

    public long rejects(FramingRejectReason reason) {
        return rejects.getOrDefault(reason, 0L);
    }

    public long totalRejects() {
        return rejects.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejectedBytes() {
        return rejectedBytes;
    }

    public Map<FramingRejectReason, Long> rejectsByReason() {
        return Collections.unmodifiableMap(new EnumMap<>(rejects));
    }
}
