package io.gnomon.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5297 Appendix A test vectors (A.1 deterministic, A.2 nonce-based with three associated-data items). */
class AesSivTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc5297A1DeterministicAuthenticatedEncryption() {
        byte[] key = hex("fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff");
        byte[] ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
        byte[] plaintext = hex("11223344 55667788 99aabbcc ddee");
        byte[] expected = hex("85632d07 c6e8f37f 950acd32 0a2ecc93 40c02b96 90c4dc04 daef7f6a fe5c");

        assertArrayEquals(expected, AesSiv.seal(key, plaintext, ad));
        assertArrayEquals(plaintext, AesSiv.open(key, expected, ad));
    }

    @Test
    void rfc5297A2NonceBasedWithSeveralAssociatedDataItems() {
        byte[] key = hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f");
        byte[] ad1 = hex("00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988 77665544 33221100");
        byte[] ad2 = hex("10203040 50607080 90a0");
        byte[] nonce = hex("09f91102 9d74e35b d84156c5 635688c0");
        byte[] plaintext = hex("74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970"
                + " 74207573 696e6720 5349562d 414553");
        byte[] expected = hex("7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17"
                + " dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d");

        assertArrayEquals(expected, AesSiv.seal(key, plaintext, ad1, ad2, nonce));
        assertArrayEquals(plaintext, AesSiv.open(key, expected, ad1, ad2, nonce));
    }

    @Test
    void aFlippedBitOrADifferentAssociatedDataIsNotAuthentic() {
        byte[] key = hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f");
        byte[] sealed = AesSiv.seal(key, new byte[] {1, 2, 3}, new byte[] {9});
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;

        assertNull(AesSiv.open(key, flipped, new byte[] {9}));
        assertNull(AesSiv.open(key, sealed, new byte[] {8}));
        assertNull(AesSiv.open(key, new byte[5], new byte[] {9}));
    }
}
