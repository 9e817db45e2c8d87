package io.gnomon.nts;

/**
 * Cookies (RFC 8915 §6): a client's {@link SessionKeys} sealed with the newest {@link CookieKeys} master key.
 * Layout: master key id (4, clear) · nonce (16) · AES-SIV(nonce as associated data) of
 * [AEAD id (2), zero (2), C2S key (32), S2C key (32)] — {@value #LENGTH} bytes, a multiple of 4.
 */
public final class Cookies {
    public static final int NONCE_LENGTH = 16;
    private static final int PLAIN_LENGTH = 4 + 2 * AesSiv.KEY_LENGTH;
    public static final int LENGTH = 4 + NONCE_LENGTH + AesSiv.TAG_LENGTH + PLAIN_LENGTH;

    private Cookies() {
    }

    public static byte[] make(SessionKeys keys, CookieKeys master, Randomness random) {
        CookieKeys.MasterKey k = master.newest();
        byte[] nonce = random.bytes(NONCE_LENGTH);
        byte[] plain = new byte[PLAIN_LENGTH];
        plain[0] = (byte) (keys.aead() >>> 8);
        plain[1] = (byte) keys.aead();
        System.arraycopy(keys.c2s(), 0, plain, 4, AesSiv.KEY_LENGTH);
        System.arraycopy(keys.s2c(), 0, plain, 4 + AesSiv.KEY_LENGTH, AesSiv.KEY_LENGTH);
        byte[] sealed = AesSiv.seal(k.key(), plain, nonce);
        java.util.Arrays.fill(plain, (byte) 0);
        byte[] cookie = new byte[LENGTH];
        cookie[0] = (byte) (k.id() >>> 24);
        cookie[1] = (byte) (k.id() >>> 16);
        cookie[2] = (byte) (k.id() >>> 8);
        cookie[3] = (byte) k.id();
        System.arraycopy(nonce, 0, cookie, 4, NONCE_LENGTH);
        System.arraycopy(sealed, 0, cookie, 4 + NONCE_LENGTH, sealed.length);
        return cookie;
    }

    /** What a cookie opened to. */
    public sealed interface Opened {
    }

    public record Valid(SessionKeys keys) implements Opened {
    }

    /** Not a cookie of ours: wrong length, a master key id we do not have (rotated out), or not authentic. */
    public record Invalid(String reason) implements Opened {
    }

    public static Opened open(byte[] cookie, CookieKeys master) {
        if (cookie.length != LENGTH) {
            return new Invalid("cookie length " + cookie.length);
        }
        CookieKeys.MasterKey k = master.byId(CookieKeys.toInt(cookie, 0));
        if (k == null) {
            return new Invalid("unknown master key");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(cookie, 4, 4 + NONCE_LENGTH);
        byte[] sealed = java.util.Arrays.copyOfRange(cookie, 4 + NONCE_LENGTH, LENGTH);
        byte[] plain = AesSiv.open(k.key(), sealed, nonce);
        if (plain == null) {
            return new Invalid("not authentic");
        }
        int aead = ((plain[0] & 0xFF) << 8) | (plain[1] & 0xFF);
        if (aead != AesSiv.AEAD_ID) {
            return new Invalid("unsupported AEAD " + aead);
        }
        SessionKeys keys = new SessionKeys(aead, java.util.Arrays.copyOfRange(plain, 4, 4 + AesSiv.KEY_LENGTH),
                java.util.Arrays.copyOfRange(plain, 4 + AesSiv.KEY_LENGTH, PLAIN_LENGTH));
        java.util.Arrays.fill(plain, (byte) 0);
        return new Valid(keys);
    }
}
