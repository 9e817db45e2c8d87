package io.gnomon.nts;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The server's master keys that seal cookies, newest first, each with a 32-bit id that goes in the clear at
 * the front of every cookie. Rotated every {@code rotationSeconds} (chrony's default: a week); the newest
 * {@link #KEPT} are kept so cookies made before a rotation still open. Immutable; never printed.
 *
 * <p>{@link #encode()} and {@link #decode(String)} are the state file's text form (the adapter writes it
 * 0600, atomically). A file that does not decode means new keys.
 */
public final class CookieKeys {
    public static final int KEPT = 3;
    public static final long WEEK_SECONDS = 7 * 24 * 3600;
    private static final String MAGIC = "gnomon-nts-cookie-keys 1";

    /** One master key: id, 32 key bytes, when it was made (UTC seconds since 1970). */
    record MasterKey(int id, byte[] key, long createdEpochSeconds) {
        @Override
        public String toString() {
            return "MasterKey[id=" + Integer.toUnsignedString(id, 16) + "]";
        }
    }

    private final List<MasterKey> keys; // newest first, never empty

    private CookieKeys(List<MasterKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A first key, made now. */
    public static CookieKeys fresh(long nowEpochSeconds, Randomness random) {
        byte[] id = random.bytes(4);
        return new CookieKeys(List.of(new MasterKey(toInt(id, 0), random.bytes(AesSiv.KEY_LENGTH), nowEpochSeconds)));
    }

    /** These keys, or with a new newest key when the newest is {@code rotationSeconds} old (then the oldest beyond {@link #KEPT} go). */
    public CookieKeys rotatedIfDue(long nowEpochSeconds, long rotationSeconds, Randomness random) {
        if (nowEpochSeconds - newest().createdEpochSeconds() < rotationSeconds) {
            return this;
        }
        return rotated(nowEpochSeconds, random);
    }

    /** With a new newest key now. */
    public CookieKeys rotated(long nowEpochSeconds, Randomness random) {
        List<MasterKey> next = new ArrayList<>();
        next.add(new MasterKey(newest().id() + 1, random.bytes(AesSiv.KEY_LENGTH), nowEpochSeconds));
        for (MasterKey k : keys) {
            if (next.size() < KEPT) {
                next.add(k);
            }
        }
        return new CookieKeys(next);
    }

    MasterKey newest() {
        return keys.getFirst();
    }

    /** The key with this id, or null (a key rotated out, or never ours). */
    MasterKey byId(int id) {
        for (MasterKey k : keys) {
            if (k.id() == id) {
                return k;
            }
        }
        return null;
    }

    public int size() {
        return keys.size();
    }

    public long newestCreatedEpochSeconds() {
        return newest().createdEpochSeconds();
    }

    public String encode() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        for (MasterKey k : keys) {
            b.append(Integer.toUnsignedString(k.id(), 16)).append(' ').append(k.createdEpochSeconds()).append(' ')
                    .append(HexFormat.of().formatHex(k.key())).append('\n');
        }
        return b.toString();
    }

    /** @return the keys, or null when the text is not a key file this version wrote */
    public static CookieKeys decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals(MAGIC) || lines.length > KEPT + 1) {
            return null;
        }
        List<MasterKey> keys = new ArrayList<>();
        try {
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                if (f.length != 3 || f[2].length() != 2 * AesSiv.KEY_LENGTH) {
                    return null;
                }
                keys.add(new MasterKey(Integer.parseUnsignedInt(f[0], 16), HexFormat.of().parseHex(f[2]),
                        Long.parseLong(f[1])));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new CookieKeys(keys);
    }

    @Override
    public String toString() {
        return "CookieKeys[" + keys.size() + " keys]";
    }

    static int toInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
