package io.gnomon.adapter.udp;

import java.io.IOException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

/** A socket could not be opened or bound; the message is one line naming the address and the problem. */
public final class ListenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ListenAddress address;

    public ListenException(ListenAddress address, String problem, Throwable cause) {
        super("cannot listen on " + address + ": " + problem, cause);
        this.address = address;
    }

    public ListenAddress address() {
        return address;
    }

    /** Maps what the JDK says when a bind fails to what an operator should read. */
    public static ListenException of(ListenAddress address, Exception cause) {
        return new ListenException(address, describe(address, cause), cause);
    }

    static String describe(ListenAddress address, Exception cause) {
        if (cause instanceof UnsupportedAddressTypeException) {
            return "this address family is not supported here";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("address already in use")) {
            return "address already in use (another NTP server, or another Gnomon, is listening there)";
        }
        if (m.contains("permission denied") || m.contains("access denied")) {
            return address.port() < 1024 && address.port() != 0
                    ? "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE;"
                      + " try a port such as 12300)"
                    : "permission denied";
        }
        if (m.contains("cannot assign requested address")) {
            return "no interface of this host has that address";
        }
        if (m.contains("protocol family unavailable") || m.contains("address family not supported")
                || m.contains("protocol not available")) {
            return "IPv" + (address.isIpv6() ? "6" : "4") + " is not available on this host";
        }
        String kind = cause instanceof IOException ? "" : cause.getClass().getSimpleName() + ": ";
        return message.isEmpty() ? cause.getClass().getSimpleName() : kind + message;
    }
}
