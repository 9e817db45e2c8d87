package io.gnomon.ntp;

/** RFC 5905 leap indicator (2 bits). */
public enum LeapIndicator {
    NO_WARNING(0),
    INSERT_SECOND(1),
    DELETE_SECOND(2),
    UNSYNCHRONISED(3);

    private final int bits;

    LeapIndicator(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static LeapIndicator ofBits(int bits) {
        return values()[bits & 3];
    }
}
