package io.gnomon.nts;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.RefId;
import io.gnomon.ntp.RequestAuthenticator.Verdict;
import java.nio.ByteBuffer;

/**
 * NTS on the NTP path (RFC 8915 §5), the server side as a function. A request is NTS when it is NTPv4 and its
 * bytes after the header are whole extension fields including a Unique Identifier. Then:
 * <ul>
 *   <li>not exactly one cookie, a short identifier, no authenticator, a field after it, or a bad
 *       authenticator layout → dropped, {@link DropReason#NTS_MALFORMED};
 *   <li>a cookie that does not open (rotated-out master key, not ours, altered) → NTS NAK: Kiss-o'-Death
 *       "NTSN" with the identifier echoed (§5.7);
 *   <li>an authenticator that does not verify with the cookie's C2S key → dropped, {@link DropReason#NTS_NOT_AUTHENTIC};
 *   <li>otherwise: the reply echoes the identifier and ends with an authenticator whose encrypted part holds
 *       one new cookie per cookie and placeholder sent — fewer when the reply would be longer than the request.
 * </ul>
 * Replays are answered (a replayed request gets the same identifier back, which its sender no longer waits
 * for: RFC 8915 §5.3 leaves replay detection to the client). Thread-safe.
 */
public final class NtsRequests {
    private static final RefId NTSN = RefId.ofAscii("NTSN");
    private static final int NTP_HEADER = 48;
    private static final int REPLY_NONCE = 16;
    private static final int COOKIE_FIELD = NtsExtensionField.HEADER_LENGTH + Cookies.LENGTH;

    private final java.util.function.Supplier<CookieKeys> master;
    private final Randomness random;

    /** @param master the current master keys (read once per request; the adapter rotates them) */
    public NtsRequests(java.util.function.Supplier<CookieKeys> master, Randomness random) {
        this.master = master;
        this.random = random;
    }

    /** @return null when the request is not NTS, else the verdict */
    public Verdict verify(ByteBuffer request, int at, int end) {
        if (end - at <= NTP_HEADER || ((request.get(at) >>> 3) & 7) != 4) {
            return null;
        }
        NtsExtensionField.Layout f = NtsExtensionField.walk(request, at + NTP_HEADER, end);
        if (f == null || f.uniqueId() < 0) {
            return null;
        }
        if (f.cookieCount() != 1 || f.authenticator() < 0 || !f.authenticatorLast()
                || f.uniqueIdLength() - NtsExtensionField.HEADER_LENGTH < NtsExtensionField.MIN_UNIQUE_IDENTIFIER) {
            return new Verdict.Refused(DropReason.NTS_MALFORMED);
        }
        int a = f.authenticator();
        int aLength = NtsExtensionField.u16(request, a + 2);
        int nonceLength = NtsExtensionField.u16(request, a + 4);
        int sealedLength = NtsExtensionField.u16(request, a + 6);
        int nonceAt = a + 8;
        int sealedAt = nonceAt + NtsExtensionField.padded(nonceLength);
        if (nonceLength < NtsExtensionField.MIN_NONCE || sealedLength < AesSiv.TAG_LENGTH
                || sealedAt + NtsExtensionField.padded(sealedLength) > a + aLength) {
            return new Verdict.Refused(DropReason.NTS_MALFORMED);
        }
        byte[] uid = NtsExtensionField.copy(request, f.uniqueId(), f.uniqueId() + f.uniqueIdLength());
        int c = f.cookie();
        byte[] cookie = NtsExtensionField.copy(request, c + NtsExtensionField.HEADER_LENGTH,
                c + NtsExtensionField.u16(request, c + 2));
        if (!(Cookies.open(cookie, master.get()) instanceof Cookies.Valid(SessionKeys keys))) {
            return new NtsNak(uid);
        }
        byte[] plain = AesSiv.open(keys.c2s(), NtsExtensionField.copy(request, sealedAt, sealedAt + sealedLength),
                NtsExtensionField.copy(request, at, a), NtsExtensionField.copy(request, nonceAt, nonceAt + nonceLength));
        if (plain == null) {
            return new Verdict.Refused(DropReason.NTS_NOT_AUTHENTIC);
        }
        NtsExtensionField.Layout inner = NtsExtensionField.walk(ByteBuffer.wrap(plain), 0, plain.length);
        if (inner == null) {
            return new Verdict.Refused(DropReason.NTS_MALFORMED);
        }
        return new Authentic(uid, keys, 1 + f.placeholders() + inner.placeholders());
    }

    /** The NAK's tail: the identifier echoed, nothing authenticated (the client has no keys we could use). */
    private record NtsNak(byte[] uid) implements Verdict.Nak {
        @Override
        public RefId kissCode() {
            return NTSN;
        }

        @Override
        public int appendTail(ByteBuffer reply, int headerLength, int maxLength) {
            reply.put(headerLength, uid);
            return headerLength + uid.length;
        }

        @Override
        public String toString() {
            return "NtsNak";
        }
    }

    private final class Authentic implements Verdict.Authentic {
        private final byte[] uid;
        private final SessionKeys keys;
        private final int cookiesWanted;

        Authentic(byte[] uid, SessionKeys keys, int cookiesWanted) {
            this.uid = uid;
            this.keys = keys;
            this.cookiesWanted = cookiesWanted;
        }

        @Override
        public int appendTail(ByteBuffer reply, int headerLength, int maxLength) {
            reply.put(headerLength, uid);
            int a = headerLength + uid.length;
            int fixed = NtsExtensionField.HEADER_LENGTH + 4 + REPLY_NONCE + AesSiv.TAG_LENGTH;
            int n = cookiesWanted;
            while (n > 0 && a + fixed + n * COOKIE_FIELD > maxLength) {
                n--;
            }
            CookieKeys current = master.get();
            ByteBuffer plain = ByteBuffer.allocate(n * COOKIE_FIELD);
            for (int i = 0; i < n; i++) {
                NtsExtensionField.putU16(plain, i * COOKIE_FIELD, NtsExtensionField.COOKIE);
                NtsExtensionField.putU16(plain, i * COOKIE_FIELD + 2, COOKIE_FIELD);
                plain.put(i * COOKIE_FIELD + NtsExtensionField.HEADER_LENGTH, Cookies.make(keys, current, random));
            }
            byte[] nonce = random.bytes(REPLY_NONCE);
            byte[] sealed = AesSiv.seal(keys.s2c(), plain.array(), NtsExtensionField.copy(reply, 0, a), nonce);
            int length = fixed + n * COOKIE_FIELD;
            NtsExtensionField.putU16(reply, a, NtsExtensionField.AUTHENTICATOR);
            NtsExtensionField.putU16(reply, a + 2, length);
            NtsExtensionField.putU16(reply, a + 4, REPLY_NONCE);
            NtsExtensionField.putU16(reply, a + 6, sealed.length);
            reply.put(a + 8, nonce);
            reply.put(a + 8 + REPLY_NONCE, sealed);
            return a + length;
        }

        @Override
        public String toString() {
            return "NtsAuthentic";
        }
    }
}
