package io.gnomon.nts;

import io.gnomon.ntp.RequestAuthenticator;
import java.nio.ByteBuffer;

/**
 * The server core's authentication: NTS when the request is NTS and NTS is on, else plain. Requests of a kind
 * not configured (NTS fields without NTS) are answered plainly, as a server without that feature would.
 */
public final class Authentication implements RequestAuthenticator {
    private final NtsRequests nts; // null: NTS off

    public Authentication(NtsRequests nts) {
        this.nts = nts;
    }

    @Override
    public Verdict verify(ByteBuffer request, int at, int end) {
        if (nts != null) {
            Verdict v = nts.verify(request, at, end);
            if (v != null) {
                return v;
            }
        }
        return Verdict.PLAIN;
    }
}
