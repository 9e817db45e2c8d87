package io.gnomon.ntp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Big-endian (network order) absolute reads and writes, whatever order the caller's buffer is set to. */
final class WireBytes {

    private WireBytes() {
    }

    static int getInt(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long getLong(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    static int getUnsignedShort(ByteBuffer b, int index) {
        return ((b.get(index) & 0xFF) << 8) | (b.get(index + 1) & 0xFF);
    }

    static void putInt(ByteBuffer b, int index, int v) {
        b.putInt(index, b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    static void putLong(ByteBuffer b, int index, long v) {
        b.putLong(index, b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v));
    }
}
