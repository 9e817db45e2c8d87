package io.gnomon.adapter.http;

import java.net.InetSocketAddress;

/** The HTTP status address could not be bound; the message is one line for the operator. */
public final class HttpListenException extends Exception {
    private static final long serialVersionUID = 1L;

    public HttpListenException(InetSocketAddress at, String problem) {
        super("cannot serve HTTP on " + format(at) + ": " + problem);
    }

    public static String format(InetSocketAddress at) {
        String host = at.getAddress() == null ? at.getHostString() : at.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort();
    }
}
