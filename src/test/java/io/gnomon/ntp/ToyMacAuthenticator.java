package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * A test authenticator with a MAC anyone can compute (not cryptography): the request's tail is a 4-byte key id
 * and 16 bytes; key {@link #KEY} is accepted, {@link #REJECTED} gets no reply, {@link #THROWS} makes it throw
 * (a bug, for the paths' handler-failure counting), any other key a crypto-NAK. A sealed reply is the header,
 * the key id and a 16-byte digest of the header ({@link #digest}), 68 bytes — as long as the request.
 */
public class ToyMacAuthenticator implements Authenticator {
    public static final int KEY = 7;
    public static final int REJECTED = 0xBAD;
    public static final int THROWS = 0xDEAD;
    /** Makes it throw an Error, as a missing class would: a receive loop ends on it. */
    public static final int FATAL = 0xE770;
    public static final int REQUEST_LENGTH = 48 + 4 + 16;

    public volatile int verified;
    public volatile int resealed;

    /** A version-4 client request with this key id and {@code transmit} in its transmit field. */
    public static ByteBuffer request(int keyId, long transmit) {
        ByteBuffer b = ByteBuffer.allocate(REQUEST_LENGTH);
        b.put(0, (byte) 0x23);
        b.putLong(40, transmit);
        b.putInt(48, keyId);
        return b;
    }

    /** The toy digest of header bytes [0, 48) of {@code packet}: two mixed sums. */
    public static long[] digest(ByteBuffer packet, int start) {
        long a = 0x9E37_79B9_7F4A_7C15L;
        long b = 0;
        for (int i = 0; i < 48; i += 8) {
            long w = packet.getLong(start + i);
            a = Long.rotateLeft(a ^ w, 27) * 0x94D0_49BB_1331_11EBL;
            b += w;
        }
        return new long[] {a, b};
    }

    @Override
    public Verdict verify(ByteBuffer request, int headerStart, int tailStart, int tailEnd) {
        verified++;
        int key = request.getInt(tailStart);
        if (key == THROWS) {
            throw new IllegalStateException("toy authenticator told to fail");
        }
        if (key == FATAL) {
            throw new LinkageError("toy authenticator: a class went missing");
        }
        if (key == REJECTED) {
            return Verdict.REJECT;
        }
        return key == KEY && tailEnd - tailStart == 20 ? Verdict.AUTHENTIC : Verdict.CRYPTO_NAK;
    }

    @Override
    public int seal(ByteBuffer reply, int maxLength) {
        reply.putInt(48, KEY);
        writeDigest(reply);
        return Math.min(REQUEST_LENGTH, maxLength);
    }

    @Override
    public boolean resealable() {
        return true;
    }

    @Override
    public void reseal(ByteBuffer reply, int length) {
        resealed++;
        writeDigest(reply);
    }

    private static void writeDigest(ByteBuffer reply) {
        long[] d = digest(reply, 0);
        reply.putLong(52, d[0]);
        reply.putLong(60, d[1]);
    }

    @Override
    public Authenticator forThread() {
        return this;
    }
}
