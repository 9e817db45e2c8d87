package io.gnomon.nts;

import java.util.Arrays;
import javax.crypto.IllegalBlockSizeException;
import org.cryptomator.siv.SivMode;
import org.cryptomator.siv.UnauthenticCiphertextException;

/**
 * AEAD_AES_SIV_CMAC_256 (RFC 5297, AEAD id 15 in RFC 8915): a 32-byte key, any number of associated-data
 * items, output {@code SIV (16) || ciphertext}. Built on org.cryptomator:siv-mode (S2V and CMAC over the JDK's
 * AES); NTS passes the nonce as the last associated-data item. Thread-safe.
 */
public final class AesSiv {
    /** RFC 5116 / IANA AEAD registry id of AEAD_AES_SIV_CMAC_256. */
    public static final int AEAD_ID = 15;
    public static final int KEY_LENGTH = 32;
    public static final int TAG_LENGTH = 16;

    private static final SivMode SIV = new SivMode();

    private AesSiv() {
    }

    /** @param key 32 bytes: K1 (CMAC) then K2 (CTR), as RFC 5297 §2.2 splits it */
    public static byte[] seal(byte[] key, byte[] plaintext, byte[]... associatedData) {
        requireKey(key);
        byte[] mac = Arrays.copyOfRange(key, 0, 16);
        byte[] ctr = Arrays.copyOfRange(key, 16, 32);
        try {
            return SIV.encrypt(ctr, mac, plaintext, associatedData);
        } finally {
            Arrays.fill(mac, (byte) 0);
            Arrays.fill(ctr, (byte) 0);
        }
    }

    /**
     * @return the plaintext, or null when the ciphertext is too short or not authentic (the library compares
     *         the SIV in constant time)
     */
    public static byte[] open(byte[] key, byte[] sealed, byte[]... associatedData) {
        requireKey(key);
        if (sealed.length < TAG_LENGTH) {
            return null;
        }
        byte[] mac = Arrays.copyOfRange(key, 0, 16);
        byte[] ctr = Arrays.copyOfRange(key, 16, 32);
        try {
            return SIV.decrypt(ctr, mac, sealed, associatedData);
        } catch (UnauthenticCiphertextException | IllegalBlockSizeException e) {
            return null;
        } finally {
            Arrays.fill(mac, (byte) 0);
            Arrays.fill(ctr, (byte) 0);
        }
    }

    private static void requireKey(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-SIV-CMAC-256 needs a 32-byte key, got " + key.length + " bytes");
        }
    }
}
