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

    /** The sentence with start character and checksum appended, e.g. for tests and simulated receivers. */
    public static String sentence(String body) {
        return "$" + body + "*" + String.format("%02X", of(body));
    }
}
