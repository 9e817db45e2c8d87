package io.gnomon.adapter.nts;

import java.util.concurrent.atomic.LongAdder;

/** What the NTS-KE server did with its connections; each connection ends in exactly one of these. */
public final class NtsKeCounters {
    final LongAdder cookiesIssued = new LongAdder();
    final LongAdder refusedRequests = new LongAdder();
    final LongAdder busy = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder handshakeFailed = new LongAdder();
    final LongAdder noAlpn = new LongAdder();
    final LongAdder malformed = new LongAdder();

    public Snapshot snapshot() {
        return new Snapshot(cookiesIssued.sum(), refusedRequests.sum(), busy.sum(), timedOut.sum(),
                handshakeFailed.sum(), noAlpn.sum(), malformed.sum());
    }

    /**
     * @param cookiesIssued   sessions that ended with keys and cookies
     * @param refusedRequests sessions answered with an Error record or without a common protocol/AEAD
     * @param busy            connections closed at once because the session cap was reached
     * @param timedOut        sessions closed by the read timeout or the session deadline
     * @param handshakeFailed TLS handshakes that failed (TLS 1.2 and older, wrong ALPN, bad records)
     * @param noAlpn          handshakes without the ntske/1 ALPN protocol
     * @param malformed       requests that were not a sequence of NTS-KE records
     */
    public record Snapshot(long cookiesIssued, long refusedRequests, long busy, long timedOut, long handshakeFailed,
                           long noAlpn, long malformed) {
        @Override
        public String toString() {
            return "nts-ke sessions: cookies=" + cookiesIssued + " refused=" + refusedRequests + " busy=" + busy
                    + " timeout=" + timedOut + " tls-failed=" + handshakeFailed + " no-alpn=" + noAlpn
                    + " malformed=" + malformed;
        }
    }
}
