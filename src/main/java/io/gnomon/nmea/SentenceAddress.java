package io.gnomon.nmea;

/**
 * The address field of a sentence. Standard sentences are a two-letter talker (GP, GN, GL, GA, GB, BD, QZ, ...)
 * plus a three-letter type; proprietary sentences start with 'P' and have no talker: their whole address is the
 * type (PGLOR, PMTK001, PUBX...).
 */
public record SentenceAddress(String talker, String type, boolean proprietary) {

    public static SentenceAddress parse(String address) {
        if (address.startsWith("P") && address.length() > 1) {
            return new SentenceAddress("P", address, true);
        }
        if (address.length() == 5 && isUpperAlnum(address)) {
            return new SentenceAddress(address.substring(0, 2), address.substring(2), false);
        }
        return new SentenceAddress("", address, false);
    }

    private static boolean isUpperAlnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return proprietary ? type : talker + type;
    }
}
