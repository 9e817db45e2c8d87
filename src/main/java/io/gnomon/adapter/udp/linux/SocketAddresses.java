package io.gnomon.adapter.udp.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * sockaddr_in / sockaddr_in6 in native memory (man 7 ip, man 7 ipv6): family in host order at 0, port in
 * network order at 2; IPv4 address at 4; IPv6 flowinfo at 4, address at 8, scope id at 24. Same on every
 * Linux ABI.
 */
final class SocketAddresses {
    private static final ValueLayout.OfShort NET_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SocketAddresses() {}

    /** Writes {@code a} at the start of {@code s}; returns the length to pass as socklen_t. */
    static int write(MemorySegment s, InetSocketAddress a) {
        s.fill((byte) 0);
        InetAddress ip = a.getAddress();
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet6Address v6) {
            s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) LinuxAbi.AF_INET6);
            s.set(NET_SHORT, 2, (short) a.getPort());
            MemorySegment.copy(raw, 0, s, ValueLayout.JAVA_BYTE, 8, 16);
            s.set(ValueLayout.JAVA_INT_UNALIGNED, 24, v6.getScopeId());
            return LinuxAbi.SOCKADDR_IN6_BYTES;
        }
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) LinuxAbi.AF_INET);
        s.set(NET_SHORT, 2, (short) a.getPort());
        MemorySegment.copy(raw, 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        return LinuxAbi.SOCKADDR_IN_BYTES;
    }

    /** Reads a sockaddr the kernel wrote (allocates: not for the packet path). */
    static InetSocketAddress read(MemorySegment s, int len) throws UnknownHostException {
        int family = s.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
        int port = Short.toUnsignedInt(s.get(NET_SHORT, 2));
        if (family == LinuxAbi.AF_INET6 && len >= LinuxAbi.SOCKADDR_IN6_BYTES) {
            byte[] raw = s.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        }
        if (family == LinuxAbi.AF_INET && len >= LinuxAbi.SOCKADDR_IN_BYTES) {
            byte[] raw = s.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        }
        throw new UnknownHostException("address family " + family + ", length " + len);
    }

    /**
     * A 64-bit key for the rate limiter, without allocating: the IPv4 address, or the IPv6 /64 prefix
     * (one host usually owns a whole /64). IPv4-mapped IPv6 addresses key as their IPv4 address.
     */
    static long clientKey(MemorySegment s, long at) {
        int family = s.get(ValueLayout.JAVA_SHORT_UNALIGNED, at);
        if (family == LinuxAbi.AF_INET) {
            return 0x4_0000_0000L | Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, at + 4));
        }
        long hi = s.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 8);
        long lo = s.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 16);
        // ::ffff:a.b.c.d — first 10 bytes zero, then ff ff (little-endian read of bytes 8..15 of the address)
        if (hi == 0 && (lo & 0xFFFF_FFFFL) == 0xFFFF_0000L) {
            return 0x4_0000_0000L | Integer.toUnsignedLong((int) (lo >>> 32));
        }
        return hi ^ 0x6000_0000_0000_0000L;
    }

    /** 127.0.0.0/8, ::1, or ::ffff:127.x.y.z. */
    static boolean isLoopback(MemorySegment s, long at) {
        int family = s.get(ValueLayout.JAVA_SHORT_UNALIGNED, at);
        if (family == LinuxAbi.AF_INET) {
            return s.get(ValueLayout.JAVA_BYTE, at + 4) == 127;
        }
        long hi = s.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 8);
        long lo = s.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 16);
        if (hi != 0) {
            return false;
        }
        if ((lo & 0xFFFF_FFFFL) == 0xFFFF_0000L) {
            return s.get(ValueLayout.JAVA_BYTE, at + 20) == 127;
        }
        return lo == Long.reverseBytes(1L);
    }
}
