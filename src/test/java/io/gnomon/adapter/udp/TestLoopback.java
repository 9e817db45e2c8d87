package io.gnomon.adapter.udp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Loopback listen addresses for tests: 127.0.0.1 always, and ::1 when this machine has IPv6 on loopback
 * (some containers switch it off; there the IPv6 half of a test is left out rather than failed).
 */
public final class TestLoopback {
    private TestLoopback() {}

    public static boolean hasIpv6() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** 127.0.0.1 and (when available) [::1], each on an ephemeral port. */
    public static List<ListenAddress> ephemeral() {
        return hasIpv6()
                ? List.of(ListenAddress.parse("127.0.0.1:0"), ListenAddress.parse("[::1]:0"))
                : List.of(ListenAddress.parse("127.0.0.1:0"));
    }
}
