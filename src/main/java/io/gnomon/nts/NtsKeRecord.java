package io.gnomon.nts;

import java.util.Arrays;

/**
 * One NTS-KE record (RFC 8915 §4): a critical bit, a 15-bit type and a body of at most 65535 bytes.
 * The body of a New Cookie record is a cookie: {@link #toString()} never shows a body.
 */
public record NtsKeRecord(boolean critical, int type, byte[] body) {
    public static final int END_OF_MESSAGE = 0;
    public static final int NEXT_PROTOCOL = 1;
    public static final int ERROR = 2;
    public static final int WARNING = 3;
    public static final int AEAD_ALGORITHM = 4;
    public static final int NEW_COOKIE = 5;
    public static final int SERVER = 6;
    public static final int PORT = 7;
    /** Protocol id of NTPv4 in Next Protocol records. */
    public static final int PROTOCOL_NTPV4 = 0;

    /** Error codes (RFC 8915 §4.1.3). */
    public static final int ERROR_UNRECOGNIZED_CRITICAL_RECORD = 0;
    public static final int ERROR_BAD_REQUEST = 1;
    public static final int ERROR_INTERNAL_SERVER_ERROR = 2;

    public static final int HEADER_LENGTH = 4;
    public static final int MAX_BODY_LENGTH = 0xFFFF;

    public NtsKeRecord {
        if (type < 0 || type > 0x7FFF) {
            throw new IllegalArgumentException("record type must fit 15 bits: " + type);
        }
        if (body.length > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("record body longer than 65535 bytes: " + body.length);
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** A body made of 16-bit big-endian values (Next Protocol, AEAD, Error, Warning, Port). */
    public static NtsKeRecord ofShorts(boolean critical, int type, int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) (values[i] >>> 8);
            b[2 * i + 1] = (byte) values[i];
        }
        return new NtsKeRecord(critical, type, b);
    }

    /** The body read as 16-bit values; null when its length is odd. */
    public int[] shorts() {
        if ((body.length & 1) != 0) {
            return null;
        }
        int[] v = new int[body.length / 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((body[2 * i] & 0xFF) << 8) | (body[2 * i + 1] & 0xFF);
        }
        return v;
    }

    public int encodedLength() {
        return HEADER_LENGTH + body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtsKeRecord r && r.critical == critical && r.type == type && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Boolean.hashCode(critical) + type) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "NtsKeRecord[type=" + type + (critical ? ", critical" : "") + ", " + body.length + " bytes]";
    }
}
