package io.gnomon.adapter.serial;

import io.gnomon.nmea.NmeaChecksum;

/**
 * Counts NMEA 0183 sentences ({@code $} or {@code !} … {@code *hh}) whose checksum is right, and those whose
 * checksum is wrong or which break off, in a sample of raw bytes. Just enough to tell the right baud rate from a
 * wrong one; the real framer lives in io.gnomon.nmea, whose checksum ({@link NmeaChecksum}) this uses.
 */
public record NmeaChecksumTally(int valid, int invalid) {
    /** Longer than any NMEA 4.x sentence we know of; a "sentence" this long is noise. */
    private static final int MAX_SENTENCE = 160;

    public static NmeaChecksumTally of(byte[] data, int offset, int length) {
        int valid = 0;
        int invalid = 0;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            byte b = data[i];
            if (b != '$' && b != '!') {
                i++;
                continue;
            }
            int j = i + 1;
            int verdict = 0; // 1 valid, -1 invalid, 0 unfinished (sample ended)
            while (j < end) {
                int c = data[j] & 0xff;
                if (c == '*') {
                    if (j + 2 < end) {
                        int hi = NmeaChecksum.hexDigit(data[j + 1]);
                        int lo = NmeaChecksum.hexDigit(data[j + 2]);
                        verdict = (hi >= 0 && lo >= 0 && (hi << 4 | lo) == NmeaChecksum.of(data, i + 1, j)) ? 1 : -1;
                        j += 3;
                    } else {
                        j = end;
                    }
                    break;
                }
                if (c == '$' || c == '!' || c < 0x20 || c > 0x7e || j - i > MAX_SENTENCE) {
                    verdict = -1; // broke off: a new start, a line end or noise before any checksum
                    break;
                }
                j++;
            }
            if (verdict > 0) {
                valid++;
            } else if (verdict < 0) {
                invalid++;
            }
            i = j;
        }
        return new NmeaChecksumTally(valid, invalid);
    }
}
