package io.gnomon.nts;

import io.gnomon.ntp.Authenticator;
import io.gnomon.ntp.RequestAuthenticator;
import java.nio.ByteBuffer;

/**
 * NTS and symmetric keys as the server core's {@link Authenticator}: one instance per receive thread holds the
 * verdict between {@code verify} and {@code seal}. Not resealable (the tail covers the transmit timestamp).
 * A refused request is counted by the core as AUTH_FAILED.
 */
public final class CoreAuthenticator implements Authenticator {
    private final Authentication authentication;
    private RequestAuthenticator.Verdict last;

    public CoreAuthenticator(Authentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public Verdict verify(ByteBuffer request, int headerStart, int tailStart, int tailEnd) {
        last = authentication.verify(request, headerStart, tailEnd);
        return switch (last) {
            case RequestAuthenticator.Verdict.Authentic a -> Verdict.AUTHENTIC;
            case RequestAuthenticator.Verdict.Nak n -> Verdict.NTS_NAK;
            case RequestAuthenticator.Verdict.Refused r -> Verdict.REJECT;
            case RequestAuthenticator.Verdict.Plain p -> Verdict.PLAIN;
        };
    }

    @Override
    public int seal(ByteBuffer reply, int maxLength) {
        int header = io.gnomon.ntp.NtpPacket.HEADER_LENGTH;
        return switch (last) {
            case RequestAuthenticator.Verdict.Authentic a -> a.appendTail(reply, header, maxLength);
            case RequestAuthenticator.Verdict.Nak n -> n.appendTail(reply, header, maxLength);
            default -> header;
        };
    }

    @Override
    public boolean resealable() {
        return false;
    }

    @Override
    public void reseal(ByteBuffer reply, int length) {
        // never called: not resealable
    }

    @Override
    public Authenticator forThread() {
        return new CoreAuthenticator(authentication);
    }
}
