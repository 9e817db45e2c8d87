package io.gnomon.ntp;

/** The 3-bit association mode of an NTP packet (RFC 5905 §7.3, Figure 10). */
public enum NtpMode {
    RESERVED(0),
    SYMMETRIC_ACTIVE(1),
    SYMMETRIC_PASSIVE(2),
    CLIENT(3),
    SERVER(4),
    BROADCAST(5),
    CONTROL(6),
    PRIVATE(7);

    private static final NtpMode[] BY_BITS = values();

    private final int bits;

    NtpMode(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static NtpMode ofBits(int bits) {
        return BY_BITS[bits & 7];
    }
}
