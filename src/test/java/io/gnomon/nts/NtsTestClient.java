package io.gnomon.nts;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** What an NTS client does on the NTP path (RFC 8915 §5.7), for tests: build a request, check a reply. */
final class NtsTestClient {
    final SessionKeys keys;
    final byte[] uid;
    final Randomness random;

    NtsTestClient(SessionKeys keys, byte[] uid, Randomness random) {
        this.keys = keys;
        this.uid = uid;
        this.random = random;
    }

    /** A mode-3 NTPv4 request: header, unique identifier, cookie, {@code placeholders} placeholders, authenticator. */
    byte[] request(byte[] cookie, int placeholders) {
        int cookieField = 4 + NtsExtensionField.padded(cookie.length);
        int authField = 4 + 4 + 16 + AesSiv.TAG_LENGTH;
        ByteBuffer b = ByteBuffer.allocate(48 + 4 + uid.length + cookieField * (1 + placeholders) + authField);
        b.put(0, (byte) 0x23); // LI 0, version 4, mode 3
        b.putLong(40, 0x1234_5678_9ABC_DEF0L);
        int at = 48;
        at = field(b, at, NtsExtensionField.UNIQUE_IDENTIFIER, uid);
        at = field(b, at, NtsExtensionField.COOKIE, cookie);
        for (int i = 0; i < placeholders; i++) {
            at = field(b, at, NtsExtensionField.COOKIE_PLACEHOLDER, new byte[cookie.length]);
        }
        byte[] nonce = random.bytes(16);
        byte[] sealed = AesSiv.seal(keys.c2s(), new byte[0], Arrays.copyOfRange(b.array(), 0, at), nonce);
        b.putShort(at, (short) NtsExtensionField.AUTHENTICATOR);
        b.putShort(at + 2, (short) authField);
        b.putShort(at + 4, (short) 16);
        b.putShort(at + 6, (short) sealed.length);
        b.put(at + 8, nonce);
        b.put(at + 24, sealed);
        return b.array();
    }

    static int field(ByteBuffer b, int at, int type, byte[] body) {
        int length = 4 + NtsExtensionField.padded(body.length);
        b.putShort(at, (short) type);
        b.putShort(at + 2, (short) length);
        b.put(at + 4, body);
        return at + length;
    }

    /** The new cookies of an authentic reply with our identifier; null when it is not one. */
    byte[][] openReply(byte[] reply) {
        ByteBuffer b = ByteBuffer.wrap(reply);
        NtsExtensionField.Layout f = NtsExtensionField.walk(b, 48, reply.length);
        if (f == null || f.uniqueId() < 0 || f.authenticator() < 0 || !f.authenticatorLast()) {
            return null;
        }
        byte[] echoed = Arrays.copyOfRange(reply, f.uniqueId() + 4, f.uniqueId() + f.uniqueIdLength());
        if (!Arrays.equals(echoed, uid)) {
            return null;
        }
        int a = f.authenticator();
        int nonceLength = b.getShort(a + 4);
        int sealedLength = b.getShort(a + 6);
        byte[] nonce = Arrays.copyOfRange(reply, a + 8, a + 8 + nonceLength);
        int sealedAt = a + 8 + NtsExtensionField.padded(nonceLength);
        byte[] plain = AesSiv.open(keys.s2c(), Arrays.copyOfRange(reply, sealedAt, sealedAt + sealedLength),
                Arrays.copyOfRange(reply, 0, a), nonce);
        if (plain == null) {
            return null;
        }
        ByteBuffer p = ByteBuffer.wrap(plain);
        int n = plain.length / (4 + Cookies.LENGTH);
        byte[][] cookies = new byte[n][];
        for (int i = 0; i < n; i++) {
            int at = i * (4 + Cookies.LENGTH);
            if (p.getShort(at) != NtsExtensionField.COOKIE) {
                return null;
            }
            cookies[i] = Arrays.copyOfRange(plain, at + 4, at + 4 + Cookies.LENGTH);
        }
        return cookies;
    }
}
