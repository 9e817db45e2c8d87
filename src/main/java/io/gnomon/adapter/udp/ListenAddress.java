package io.gnomon.adapter.udp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One address and UDP port to listen on, written {@code 127.0.0.1:12300} or {@code [::1]:12300}.
 * Only numeric addresses: a listen address is never looked up in DNS.
 */
public record ListenAddress(InetAddress address, int port) {

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    /**
     * Parses {@code ADDR:PORT} ({@code [IPv6]:PORT} for IPv6).
     *
     * @throws IllegalArgumentException with a one-line reason naming the text
     */
    public static ListenAddress parse(String text) {
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw bad(text, "write an IPv6 address as [ADDR]:PORT, e.g. [::1]:12300");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "expected ADDR:PORT, e.g. 127.0.0.1:12300");
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.contains(":")) {
                throw bad(text, "write an IPv6 address in brackets, e.g. [::1]:12300");
            }
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw bad(text, "port '" + portText + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw bad(text, "port " + port + " is outside 0-65535");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw bad(text, "'" + host + "' is not a numeric IPv4 or IPv6 address");
        }
        return new ListenAddress(address, port);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** The same address with another port (e.g. the one the kernel chose for port 0). */
    public ListenAddress withPort(int newPort) {
        return new ListenAddress(address, newPort);
    }

    private static IllegalArgumentException bad(String text, String reason) {
        return new IllegalArgumentException("'" + text + "': " + reason);
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + ipv6Text((Inet6Address) address) + "]:" + port : address.getHostAddress() + ":" + port;
    }

    /** RFC 5952 form: the longest run of two or more zero groups becomes "::". */
    private static String ipv6Text(Inet6Address a) {
        if (a.getScopeId() != 0 || a.getScopedInterface() != null) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
