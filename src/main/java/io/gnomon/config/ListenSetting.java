package io.gnomon.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An address Gnomon listens on, as the configuration gives it: NTP's UDP {@code listen} addresses and the HTTP
 * status surface's TCP {@code http} address alike.
 *
 * @param address a numeric IPv4 or IPv6 address (no host names: the server starts before name resolution may work)
 * @param port    0..65535; 0 asks the kernel for a free port (tests)
 */
public record ListenSetting(String address, int port) {

    /**
     * The socket address, the address turned into an {@link InetAddress} here and only here (the parser has
     * checked its shape, so this cannot fail for a parsed setting).
     */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(InetAddress.ofLiteral(address), port);
    }

    public String directiveArguments() {
        return address + " " + port;
    }
}
