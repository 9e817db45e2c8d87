package io.gnomon.nts;

import io.gnomon.ntp.RequestAuthenticator;
import java.nio.ByteBuffer;

/**
 * The server core's authentication: NTS when the request is NTS and NTS is on, else a symmetric-key MAC when
 * it has one and a key file is loaded, else plain. Requests of a kind
 * not configured (NTS fields without NTS) are answered plainly, as a server without that feature would.
 */
public final class Authentication implements RequestAuthenticator {
    private final NtsRequests nts; // null: NTS off
    private final SymmetricRequests symmetric; // null: no key file

    public Authentication(NtsRequests nts) {
        this(nts, null);
    }

    public Authentication(NtsRequests nts, SymmetricRequests symmetric) {
        this.nts = nts;
        this.symmetric = symmetric;
    }

    @Override
    public Verdict verify(ByteBuffer request, int at, int end) {
        if (nts != null) {
            Verdict v = nts.verify(request, at, end);
            if (v != null) {
                return v;
            }
        }
        if (symmetric != null) {
            Verdict v = symmetric.verify(request, at, end);
            if (v != null) {
                return v;
            }
        }
        return Verdict.PLAIN;
    }
}
