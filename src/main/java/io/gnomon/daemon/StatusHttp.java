package io.gnomon.daemon;

import io.gnomon.adapter.udp.ListenAddress;

/**
 * Where the HTTP status surface should listen.
 *
 * @param address  null: no HTTP surface
 * @param explicit whether the operator asked for this address; when not (the default address), a port in use
 *                 is a warning and the server runs on without HTTP, instead of refusing to start
 */
public record StatusHttp(ListenAddress address, boolean explicit) {
    public static final String DEFAULT = "127.0.0.1:8123";
    public static final StatusHttp NONE = new StatusHttp(null, false);

    public static StatusHttp defaultAddress() {
        return new StatusHttp(ListenAddress.parse(DEFAULT), false);
    }
}
