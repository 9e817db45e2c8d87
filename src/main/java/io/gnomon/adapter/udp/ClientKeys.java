package io.gnomon.adapter.udp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The key under which the portable path counts and rate-limits a client (see {@link io.gnomon.ntp.NtpServerCore}). */
final class ClientKeys {
    private ClientKeys() {}

    /**
     * The IPv4 address, or a hash of the whole IPv6 address (the portable API gives no allocation-free way to the
     * /64 the Linux path uses), without allocating. 0 for anything else.
     */
    static long of(SocketAddress sender) {
        if (sender instanceof InetSocketAddress socket) {
            InetAddress ip = socket.getAddress();
            if (ip instanceof Inet4Address) {
                return 0x4_0000_0000L | Integer.toUnsignedLong(ip.hashCode()); // Inet4Address's hash is its address
            }
            if (ip != null) {
                return 0x6000_0000_0000_0000L | Integer.toUnsignedLong(ip.hashCode());
            }
        }
        return 0;
    }

    /** Whether the sender is 127.0.0.0/8 or ::1 (exempt from rate limits unless configured otherwise). */
    static boolean isLoopback(SocketAddress sender) {
        return sender instanceof InetSocketAddress socket && socket.getAddress() != null
                && socket.getAddress().isLoopbackAddress();
    }
}
