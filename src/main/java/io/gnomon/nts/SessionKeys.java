package io.gnomon.nts;

import java.util.Arrays;

/**
 * One client's NTS keys from the TLS exporter (RFC 8915 §5.1): client-to-server and server-to-client, for
 * AEAD algorithm {@code aead}. Never printed: {@link #toString()} names only the algorithm.
 */
public record SessionKeys(int aead, byte[] c2s, byte[] s2c) {
    public SessionKeys {
        if (c2s.length != AesSiv.KEY_LENGTH || s2c.length != AesSiv.KEY_LENGTH) {
            throw new IllegalArgumentException("NTS keys must be " + AesSiv.KEY_LENGTH + " bytes");
        }
        c2s = c2s.clone();
        s2c = s2c.clone();
    }

    @Override
    public byte[] c2s() {
        return c2s.clone();
    }

    @Override
    public byte[] s2c() {
        return s2c.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKeys k && k.aead == aead && java.security.MessageDigest.isEqual(k.c2s, c2s)
                && java.security.MessageDigest.isEqual(k.s2c, s2c);
    }

    @Override
    public int hashCode() {
        return aead;
    }

    @Override
    public String toString() {
        return "SessionKeys[aead=" + aead + "]";
    }

    void wipe() {
        Arrays.fill(c2s, (byte) 0);
        Arrays.fill(s2c, (byte) 0);
    }
}
