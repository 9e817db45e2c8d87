package io.gnomon.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gnomon.ntp.DropReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key file format and MACs through the server core. */
class SymmetricKeysTest {
    private static final String FILE = """
            # chrony key file
            1 MD5 HEX:00112233445566778899aabbccddeeff
            2 SHA1 ASCII:secret-two
            3 plain-md5-ascii
            4 SHA512 HEX:0102030405
            5 AES128 HEX:2b7e151628aed2a6abf7158809cf4f3c
            """;

    private final SymmetricKeys keys = SymmetricKeys.parse(FILE).keys();
    private final CoreHarness core = new CoreHarness(new Authentication(null, new SymmetricRequests(keys)));

    @Test
    void theFileFormatOfChronyAndNtpd() {
        SymmetricKeys.Parsed p = SymmetricKeys.parse(FILE);
        assertEquals(List.of(), p.errors());
        assertEquals(5, p.keys().size());
        SymmetricKeys.Parsed bad = SymmetricKeys.parse("0 MD5 HEX:00\nx MD5 a\n7 ROT13 abc\n8 AES128 HEX:00\n9 MD5 HEX:zz\n10\n");
        assertEquals(List.of(1, 2, 3, 4, 5, 6), bad.errors().stream().map(SymmetricKeys.LineError::line).toList());
        assertFalse(bad.errors().toString().contains("zz"), "never the key");
        assertFalse(keys.toString().contains("secret"));
    }

    @Test
    void aesCmacMatchesRfc4493() {
        // RFC 4493 §4, example 1 (empty message) and example 2 (16 bytes)
        assertArrayEquals(HexFormat.of().parseHex("bb1d6929e95937287fa37d129b756746"), keys.mac(5, new byte[0], 16));
        assertArrayEquals(HexFormat.of().parseHex("070a16b46b4d4144f79bdd9dd04a287c"),
                keys.mac(5, HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a"), 16));
    }

    private byte[] request(int id, int macLength, int version) {
        ByteBuffer b = ByteBuffer.allocate(48 + 4 + macLength);
        b.put(0, (byte) ((version << 3) | 3));
        b.putLong(40, 0x0102030405060708L);
        byte[] mac = keys.mac(id, Arrays.copyOf(b.array(), 48), macLength);
        b.putInt(48, id);
        b.put(52, mac == null ? new byte[macLength] : mac);
        return b.array();
    }

    private byte[] answer(byte[] request) {
        return core.answer(request);
    }

    @Test
    void aMacdRequestGetsAReplyMacdWithTheSameKeyIdAndLength() {
        int[][] cases = {{1, 16, 4}, {2, 20, 4}, {3, 16, 3}, {4, 20, 4}, {4, 64, 3}, {5, 16, 4}};
        for (int[] c : cases) {
            byte[] reply = answer(request(c[0], c[1], c[2]));
            assertEquals(48 + 4 + c[1], reply.length, Arrays.toString(c));
            assertEquals(c[0], ByteBuffer.wrap(reply).getInt(48));
            assertArrayEquals(keys.mac(c[0], Arrays.copyOf(reply, 48), c[1]), Arrays.copyOfRange(reply, 52, reply.length));
        }
    }

    @Test
    void unknownKeysBadMacsAndWrongLengthsAreDroppedAndCounted() {
        assertNull(answer(request(99, 16, 4)));
        byte[] forged = request(1, 16, 4);
        forged[60] ^= 1;
        assertNull(answer(forged));
        byte[] altered = request(2, 20, 4);
        altered[41] ^= 1;
        assertNull(answer(altered));
        assertNull(answer(request(4, 64, 4)), "NTPv4 MACs are truncated to 20 bytes, as chrony sends them");
        assertEquals(1, core.dropped(DropReason.MAC_UNKNOWN_KEY));
        assertEquals(3, core.dropped(DropReason.MAC_NOT_AUTHENTIC));
    }
}
