package io.gnomon.nts;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.RequestAuthenticator.Verdict;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Symmetric-key MACs on the NTP path (RFC 5905 §7.3, RFC 8573), the server side as a function. A request ends
 * in a MAC when, after any extension fields, 20, 24, 36, 52 or 68 bytes remain: a key id and a 16-, 20-, 32-,
 * 48- or 64-byte MAC. A known key whose MAC verifies (constant-time compare) gets a reply MAC'd with the same
 * key id and MAC length; an unknown key id or a MAC that does not verify is dropped and counted (chrony also
 * stays silent; RFC 8573 does not require a crypto-NAK, and answering would give a forger a reply to study).
 */
public final class SymmetricRequests {
    private static final int NTP_HEADER = 48;
    private static final int MAX_MAC = 4 + 64;

    private final SymmetricKeys keys;

    public SymmetricRequests(SymmetricKeys keys) {
        this.keys = keys;
    }

    /** @return null when the request carries no MAC */
    public Verdict verify(ByteBuffer request, int at, int end) {
        int version = (request.get(at) >>> 3) & 7;
        int macAt = macStart(request, at + NTP_HEADER, end, version);
        if (macAt < 0) {
            return null;
        }
        int macLength = end - macAt - 4;
        int id = NtsExtensionField.u32(request, macAt);
        if (!keys.has(id)) {
            return new Verdict.Refused(DropReason.MAC_UNKNOWN_KEY);
        }
        byte[] data = NtsExtensionField.copy(request, at, macAt);
        byte[] expected = keys.mac(id, data, macLength);
        byte[] got = NtsExtensionField.copy(request, macAt + 4, end);
        if (expected == null || macLength != keys.macLength(id, version) || !MessageDigest.isEqual(expected, got)) {
            return new Verdict.Refused(DropReason.MAC_NOT_AUTHENTIC);
        }
        return new Authentic(id, macLength);
    }

    /** Where the MAC's key id is, or -1 when the request has no MAC. */
    static int macStart(ByteBuffer request, int from, int end, int version) {
        int at = from;
        if (version == 4) {
            while (end - at > MAX_MAC) {
                int length = NtsExtensionField.u16(request, at + 2);
                if (length < NtsExtensionField.MIN_LENGTH || (length & 3) != 0 || length > end - at) {
                    return -1;
                }
                at += length;
            }
        }
        int rest = end - at;
        return switch (rest) {
            case 20, 24, 36, 52, 68 -> at;
            default -> -1;
        };
    }

    private final class Authentic implements Verdict.Authentic {
        private final int id;
        private final int macLength;

        Authentic(int id, int macLength) {
            this.id = id;
            this.macLength = macLength;
        }

        @Override
        public int appendTail(ByteBuffer reply, int headerLength, int maxLength) {
            byte[] mac = keys.mac(id, NtsExtensionField.copy(reply, 0, headerLength), macLength);
            NtsExtensionField.putU32(reply, headerLength, id);
            reply.put(headerLength + 4, mac);
            return headerLength + 4 + macLength;
        }

        @Override
        public String toString() {
            return "SymmetricAuthentic";
        }
    }
}
