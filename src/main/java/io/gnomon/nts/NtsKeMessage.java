package io.gnomon.nts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An NTS-KE message: records up to and including End of Message (RFC 8915 §4). Decoding is bounded: a message
 * longer than {@link #MAX_MESSAGE_LENGTH} bytes or with more than {@link #MAX_RECORDS} records is refused,
 * as is a record cut short or anything after End of Message.
 */
public final class NtsKeMessage {
    /** A request is a few dozen bytes; a response with eight cookies under 1 kB. */
    public static final int MAX_MESSAGE_LENGTH = 16384;
    public static final int MAX_RECORDS = 64;

    private NtsKeMessage() {
    }

    /** What decoding gave: the records, or why the bytes are not a message. */
    public sealed interface Decoded {
    }

    public record Records(List<NtsKeRecord> records) implements Decoded {
        public Records {
            records = List.copyOf(records);
        }
    }

    public record Malformed(String reason) implements Decoded {
    }

    /** Decodes a whole message: {@code data} must end exactly with the End of Message record. */
    public static Decoded decode(byte[] data) {
        if (data.length > MAX_MESSAGE_LENGTH) {
            return new Malformed("message longer than " + MAX_MESSAGE_LENGTH + " bytes");
        }
        List<NtsKeRecord> records = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            if (data.length - at < NtsKeRecord.HEADER_LENGTH) {
                return new Malformed("record header cut short");
            }
            int typeWord = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
            int length = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            at += NtsKeRecord.HEADER_LENGTH;
            if (length > data.length - at) {
                return new Malformed("record body cut short");
            }
            byte[] body = java.util.Arrays.copyOfRange(data, at, at + length);
            at += length;
            NtsKeRecord r = new NtsKeRecord((typeWord & 0x8000) != 0, typeWord & 0x7FFF, body);
            records.add(r);
            if (records.size() > MAX_RECORDS) {
                return new Malformed("more than " + MAX_RECORDS + " records");
            }
            if (r.type() == NtsKeRecord.END_OF_MESSAGE) {
                if (at != data.length) {
                    return new Malformed("bytes after End of Message");
                }
                return new Records(records);
            }
        }
        return new Malformed("no End of Message record");
    }

    /** Encodes records in order (the caller ends them with End of Message). */
    public static byte[] encode(List<NtsKeRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (NtsKeRecord r : records) {
            int typeWord = (r.critical() ? 0x8000 : 0) | r.type();
            byte[] body = r.body();
            out.write(typeWord >>> 8);
            out.write(typeWord);
            out.write(body.length >>> 8);
            out.write(body.length);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    public static NtsKeRecord endOfMessage() {
        return new NtsKeRecord(true, NtsKeRecord.END_OF_MESSAGE, new byte[0]);
    }
}
