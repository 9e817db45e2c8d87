package io.gnomon.nmea;

/** The NMEA 0183 checksum: XOR of every character between the start character and '*'. */
public final class NmeaChecksum {

    private NmeaChecksum() {
    }

    public static int of(CharSequence body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return x & 0xFF;
    }

    /** As {@link #of(CharSequence)} over the bytes {@code from} to {@code to − 1} of {@code data}. */
    public static int of(byte[] data, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= data[i];
        }
        return x & 0xFF;
    }

    /** The value of one hexadecimal digit ('0'–'9', 'A'–'F', 'a'–'f'), or -1 for anything else. */
    public static int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The two hexadecimal digits at {@code at} as a byte value, or -1 when they are not (or run past the end). */
    public static int hexByte(CharSequence s, int at) {
        if (at + 2 > s.length()) {
            return -1;
        }
        int hi = hexDigit(s.charAt(at));
        int lo = hexDigit(s.charAt(at + 1));
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    /** The sentence with start character and checksum appended, e.g. for tests and simulated receivers. */
    public static String sentence(String body) {
        return "$" + body + "*" + String.format("%02X", of(body));
    }
}
