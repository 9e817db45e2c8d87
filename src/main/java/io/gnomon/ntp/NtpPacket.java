package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * The 48-byte NTP header (RFC 5905 §7.3), decoded. Whatever follows the header (extension fields, MAC) is not
 * part of this value: decoding ignores it and encoding never writes it.
 *
 * @param poll      signed log2 seconds
 * @param precision signed log2 seconds
 */
public record NtpPacket(
        LeapIndicator leap,
        int version,
        NtpMode mode,
        int stratum,
        int poll,
        int precision,
        NtpShort rootDelay,
        NtpShort rootDispersion,
        RefId refId,
        NtpTimestamp referenceTime,
        NtpTimestamp originTime,
        NtpTimestamp receiveTime,
        NtpTimestamp transmitTime) {

    public static final int HEADER_LENGTH = 48;

    static final int OFFSET_STRATUM = 1;
    static final int OFFSET_POLL = 2;
    static final int OFFSET_PRECISION = 3;
    static final int OFFSET_ROOT_DELAY = 4;
    static final int OFFSET_ROOT_DISPERSION = 8;
    static final int OFFSET_REF_ID = 12;
    static final int OFFSET_REFERENCE_TIME = 16;
    static final int OFFSET_ORIGIN_TIME = 24;
    static final int OFFSET_RECEIVE_TIME = 32;
    static final int OFFSET_TRANSMIT_TIME = 40;

    public NtpPacket {
        if (version < 0 || version > 7 || stratum < 0 || stratum > 255 || poll < -128 || poll > 127
                || precision < -128 || precision > 127) {
            throw new IllegalArgumentException("field out of range for its wire width");
        }
    }

    /**
     * Decodes the header at {@code in}'s position; position and limit are left as they were.
     *
     * @throws IllegalArgumentException when fewer than 48 bytes remain
     */
    public static NtpPacket decode(ByteBuffer in) {
        if (in.remaining() < HEADER_LENGTH) {
            throw new IllegalArgumentException("NTP header needs 48 bytes, got " + in.remaining());
        }
        int p = in.position();
        int first = in.get(p) & 0xFF;
        return new NtpPacket(
                LeapIndicator.ofBits(first >>> 6),
                (first >>> 3) & 7,
                NtpMode.ofBits(first),
                in.get(p + OFFSET_STRATUM) & 0xFF,
                in.get(p + OFFSET_POLL),
                in.get(p + OFFSET_PRECISION),
                new NtpShort(WireBytes.getInt(in, p + OFFSET_ROOT_DELAY)),
                new NtpShort(WireBytes.getInt(in, p + OFFSET_ROOT_DISPERSION)),
                new RefId(WireBytes.getInt(in, p + OFFSET_REF_ID)),
                new NtpTimestamp(WireBytes.getLong(in, p + OFFSET_REFERENCE_TIME)),
                new NtpTimestamp(WireBytes.getLong(in, p + OFFSET_ORIGIN_TIME)),
                new NtpTimestamp(WireBytes.getLong(in, p + OFFSET_RECEIVE_TIME)),
                new NtpTimestamp(WireBytes.getLong(in, p + OFFSET_TRANSMIT_TIME)));
    }

    /** Writes the 48 header bytes into {@code out} at {@code index}, allocating nothing; position untouched. */
    public void encode(ByteBuffer out, int index) {
        out.put(index, (byte) firstByte(leap.bits(), version, mode.bits()));
        out.put(index + OFFSET_STRATUM, (byte) stratum);
        out.put(index + OFFSET_POLL, (byte) poll);
        out.put(index + OFFSET_PRECISION, (byte) precision);
        WireBytes.putInt(out, index + OFFSET_ROOT_DELAY, rootDelay.bits());
        WireBytes.putInt(out, index + OFFSET_ROOT_DISPERSION, rootDispersion.bits());
        WireBytes.putInt(out, index + OFFSET_REF_ID, refId.bits());
        WireBytes.putLong(out, index + OFFSET_REFERENCE_TIME, referenceTime.bits());
        WireBytes.putLong(out, index + OFFSET_ORIGIN_TIME, originTime.bits());
        WireBytes.putLong(out, index + OFFSET_RECEIVE_TIME, receiveTime.bits());
        WireBytes.putLong(out, index + OFFSET_TRANSMIT_TIME, transmitTime.bits());
    }

    static int firstByte(int leapBits, int version, int modeBits) {
        return (leapBits & 3) << 6 | (version & 7) << 3 | (modeBits & 7);
    }
}
