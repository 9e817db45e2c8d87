package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * Checks what follows the 48-byte header of a request, without copying it (it is never echoed):
 * <ul>
 *   <li>nothing, or a whole number of 32-bit words;
 *   <li>version 4: zero or more extension fields (RFC 7822: 16-bit type, 16-bit length ≥ 16 and a multiple of
 *       4, covering the field), then an optional MAC; once at most {@value #MAX_MAC_LENGTH} bytes remain they
 *       are taken as the MAC (or a last short extension field — either way the request is acceptable);
 *   <li>versions 1–3: only a MAC, 4 to {@value #MAX_MAC_LENGTH} bytes (key id alone as a crypto-NAK, or key id
 *       plus a DES, MD5, SHA-1 … SHA-512 digest).
 * </ul>
 */
final class RequestTrailer {

    /** Key id (4) + the longest digest chrony and ntpd accept (64, SHA-512). */
    static final int MAX_MAC_LENGTH = 4 + 64;
    static final int MIN_EXTENSION_FIELD_LENGTH = 16;

    private RequestTrailer() {
    }

    /** @return null when acceptable, else why not */
    static DropReason check(ByteBuffer request, int start, int end, int version) {
        int rest = end - start;
        if (rest == 0) {
            return null;
        }
        if ((rest & 3) != 0) {
            return DropReason.UNALIGNED_LENGTH;
        }
        if (version < 4) {
            return rest <= MAX_MAC_LENGTH ? null : DropReason.BAD_EXTENSION_OR_MAC;
        }
        int at = start;
        while (rest > MAX_MAC_LENGTH) {
            int length = WireBytes.getUnsignedShort(request, at + 2);
            if (length < MIN_EXTENSION_FIELD_LENGTH || (length & 3) != 0 || length > rest) {
                return DropReason.BAD_EXTENSION_OR_MAC;
            }
            at += length;
            rest -= length;
        }
        return null;
    }
}
