package io.gnomon.ntp;

/** What the server should do with one received datagram. */
public sealed interface ServerAction {

    /** Send the first {@code length} bytes of the reply buffer back to the client. */
    record Respond(int length) implements ServerAction {
    }

    /** Send nothing; count {@code reason}. */
    record Drop(DropReason reason) implements ServerAction {
    }
}
