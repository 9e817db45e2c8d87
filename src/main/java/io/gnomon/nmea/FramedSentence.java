package io.gnomon.nmea;

import io.gnomon.time.MonotonicTime;

/**
 * One sentence cut out of the byte stream: {@code start} is '$' or '!', {@code body} the characters between the
 * start character and the '*' (or the line end when unverified), {@code firstByteArrival} the monotonic arrival
 * time of the chunk that carried its start character.
 */
public record FramedSentence(char start, String body, ChecksumStatus checksum, MonotonicTime firstByteArrival) {

    /** The sentence as it would be printed, without the line end. */
    public String text() {
        if (checksum == ChecksumStatus.UNVERIFIED) {
            return start + body;
        }
        return start + body + '*' + String.format("%02X", NmeaChecksum.of(body));
    }
}
