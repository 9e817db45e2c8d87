package io.gnomon.ntp;

import java.nio.ByteBuffer;

/** Builds request datagrams for tests. */
final class TestRequests {

    private TestRequests() {
    }

    static ByteBuffer request(int version, int mode, int poll, long transmitBits, int trailerBytes) {
        ByteBuffer b = ByteBuffer.allocate(48 + trailerBytes);
        b.put(0, (byte) (version << 3 | mode));
        b.put(2, (byte) poll);
        b.put(3, (byte) -6);
        b.putLong(40, transmitBits);
        return b;
    }

    static ByteBuffer client(int version, long transmitBits) {
        return request(version, 3, 6, transmitBits, 0);
    }

    /** Writes an RFC 7822 extension field header (type, length) at index. */
    static void extensionField(ByteBuffer b, int index, int type, int length) {
        b.putShort(index, (short) type);
        b.putShort(index + 2, (short) length);
    }
}
