package io.gnomon.nts;

/** Where nonces and keys come from: SecureRandom in the daemon, a seeded generator in tests. */
@FunctionalInterface
public interface Randomness {
    void fill(byte[] bytes);

    default byte[] bytes(int n) {
        byte[] b = new byte[n];
        fill(b);
        return b;
    }
}
