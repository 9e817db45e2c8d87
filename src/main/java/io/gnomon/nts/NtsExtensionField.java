package io.gnomon.nts;

import java.nio.ByteBuffer;

/**
 * NTS extension fields of NTPv4 packets (RFC 8915 §5.3–5.7) and the walk over a packet's fields (RFC 7822:
 * type, length covering the field, at least 16 and a multiple of 4). Reads are absolute and big-endian.
 */
public final class NtsExtensionField {
    public static final int UNIQUE_IDENTIFIER = 0x0104;
    public static final int COOKIE = 0x0204;
    public static final int COOKIE_PLACEHOLDER = 0x0304;
    public static final int AUTHENTICATOR = 0x0404;

    public static final int HEADER_LENGTH = 4;
    public static final int MIN_LENGTH = 16;
    /** RFC 8915 §5.3: the unique identifier's body is at least 32 bytes. */
    public static final int MIN_UNIQUE_IDENTIFIER = 32;
    /** RFC 8915 §5.6: a nonce shorter than 16 bytes is refused for AES-SIV-CMAC-256. */
    public static final int MIN_NONCE = 16;

    private NtsExtensionField() {
    }

    static int u16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 8) | (b.get(at + 1) & 0xFF);
    }

    static int u32(ByteBuffer b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }

    static void putU32(ByteBuffer b, int at, int v) {
        putU16(b, at, v >>> 16);
        putU16(b, at + 2, v);
    }

    static void putU16(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 8));
        b.put(at + 1, (byte) v);
    }

    static int padded(int n) {
        return (n + 3) & ~3;
    }

    static byte[] copy(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        b.get(from, out);
        return out;
    }

    /** Where the NTS fields of a request are (indexes into the buffer), or -1. */
    record Layout(int uniqueId, int uniqueIdLength, int cookie, int cookieCount, int placeholders, int authenticator,
                  boolean authenticatorLast) {
    }

    /**
     * Walks fields from {@code from} to {@code end}. Returns null when the bytes are not a sequence of whole
     * fields (then the packet may end in a legacy MAC: not an NTS request).
     */
    static Layout walk(ByteBuffer b, int from, int end) {
        int uid = -1;
        int uidLength = 0;
        int cookie = -1;
        int cookies = 0;
        int placeholders = 0;
        int auth = -1;
        boolean authLast = false;
        int at = from;
        while (at < end) {
            if (end - at < HEADER_LENGTH) {
                return null;
            }
            int type = u16(b, at);
            int length = u16(b, at + 2);
            if (length < MIN_LENGTH || (length & 3) != 0 || length > end - at) {
                return null;
            }
            switch (type) {
                case UNIQUE_IDENTIFIER -> {
                    if (uid < 0) {
                        uid = at;
                        uidLength = length;
                    }
                }
                case COOKIE -> {
                    cookie = at;
                    cookies++;
                }
                case COOKIE_PLACEHOLDER -> placeholders++;
                case AUTHENTICATOR -> {
                    if (auth < 0) {
                        auth = at;
                    }
                }
                default -> {
                }
            }
            at += length;
            authLast = type == AUTHENTICATOR && auth == at - length;
        }
        return new Layout(uid, uidLength, cookie, cookies, placeholders, auth, authLast);
    }
}
