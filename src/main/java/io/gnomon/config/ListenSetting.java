package io.gnomon.config;

/**
 * A UDP address the NTP server binds.
 *
 * @param address a numeric IPv4 or IPv6 address (no host names: the server starts before name resolution may work)
 * @param port    0..65535; 0 asks the kernel for a free port (tests)
 */
public record ListenSetting(String address, int port) {

    public String directiveArguments() {
        return address + " " + port;
    }
}
