package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * The server core's authentication extension point: NTS (RFC 8915) and symmetric-key MACs (RFC 8573) plug in
 * here. The responder checks the header first, asks for a {@link Verdict} on the request, writes the 48-byte
 * header (the time, or an NTS NAK) and lets the verdict append its authenticated tail. Implementations are pure
 * and thread-safe; nothing they hold (keys, cookies) reaches a log or a counter name.
 */
@FunctionalInterface
public interface RequestAuthenticator {

    /** No authentication configured: every request gets a plain reply. */
    RequestAuthenticator NONE = (request, at, end) -> Verdict.PLAIN;

    /**
     * @param request the datagram; not modified
     * @param at      index of its first byte (the header)
     * @param end     index after its last byte
     */
    Verdict verify(ByteBuffer request, int at, int end);

    /** What to do with a request that passed the header checks. */
    sealed interface Verdict {
        /** Not authenticated (or authentication not configured): the plain 48-byte reply. */
        Verdict PLAIN = new Plain();

        /** Answered with the time and an authenticated tail. */
        non-sealed interface Authentic extends Verdict {
            /**
             * Appends the tail after the header at {@code reply[headerLength]}; the reply never exceeds
             * {@code maxLength} (the request's length).
             *
             * @return the whole reply's length
             */
            int appendTail(ByteBuffer reply, int headerLength, int maxLength);
        }

        /** Answered with a Kiss-o'-Death carrying {@code kissCode} (e.g. NTSN) and no time, plus a tail. */
        non-sealed interface Nak extends Verdict {
            RefId kissCode();

            int appendTail(ByteBuffer reply, int headerLength, int maxLength);
        }

        /** Not answered; counted by reason. */
        record Refused(DropReason reason) implements Verdict {
        }

        record Plain() implements Verdict {
        }
    }
}
