package io.gnomon.ntp;

/**
 * The 32-bit reference identifier. For stratum 0 and 1 it holds up to four ASCII characters, left-justified
 * and zero-padded: a reference source ("GPS", "PPS", "SIM") at stratum 1, a kiss code ("RATE", "DENY") at
 * stratum 0. (At stratum 2+ it is an IPv4 address or an address hash; Gnomon never sends that.)
 *
 * @param bits the wire value, first character in the high byte
 */
public record RefId(int bits) {

    public static final RefId RATE = ofAscii("RATE");
    public static final RefId DENY = ofAscii("DENY");
    public static final RefId RSTR = ofAscii("RSTR");

    public static RefId ofAscii(String code) {
        return new RefId(bitsOfAscii(code));
    }

    /**
     * Up to four characters of {@code code} as wire bits; characters beyond the fourth are cut off, characters
     * outside printable ASCII become '?', null or empty gives 0. Allocates nothing.
     */
    public static int bitsOfAscii(String code) {
        if (code == null) {
            return 0;
        }
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            int c = i < code.length() ? code.charAt(i) : 0;
            if (c != 0 && (c < 0x20 || c > 0x7E)) {
                c = '?';
            }
            bits |= c << (24 - 8 * i);
        }
        return bits;
    }

    /** The identifier as text: the characters up to the first zero byte, non-printable bytes shown as '?'. */
    public String ascii() {
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = (bits >>> (24 - 8 * i)) & 0xFF;
            if (c == 0) {
                break;
            }
            s.append(c >= 0x20 && c <= 0x7E ? (char) c : '?');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return ascii();
    }
}
