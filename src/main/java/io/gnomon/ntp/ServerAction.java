package io.gnomon.ntp;

/** What a socket path does with one received datagram, as the {@link NtpServerCore} decided. */
public sealed interface ServerAction {

    /**
     * Send the first {@code length} bytes of the reply buffer back to the client.
     *
     * @param restampable whether the path may write a later transmit timestamp into it right before the send
     *                    ({@link NtpServerCore#restamp}); false for a Kiss-o'-Death (it carries the client's own
     *                    timestamp) and for a sealed reply whose authenticator cannot seal it again
     */
    record Respond(int length, boolean restampable) implements ServerAction {
    }

    /** Send nothing; {@code reason} is counted. */
    record Ignore(DropReason reason) implements ServerAction {
    }
}
