package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * Authentication of requests that carry something after the header (extension fields and/or a MAC), for one
 * receive thread. The core calls it only for such requests; a bare 48-byte request never reaches it.
 *
 * <p>Per request: {@link #verify} (the request is a valid client request, its trailer framing is checked, the
 * reply buffer is untouched), then, for {@link Verdict#AUTHENTIC} and {@link Verdict#NTS_NAK}, the core writes
 * the 48-byte header and calls {@link #seal} once. A path that sends replies in batches may later rewrite the
 * transmit timestamp and call {@link #reseal} — only when {@link #resealable()} (else it sends the reply as
 * sealed). State kept between {@code verify} and {@code seal} (a key, a cookie's keys) lives in this object:
 * the core asks {@link #forThread()} for one per receive thread, so no lock is needed. Allocating nothing per
 * request keeps the receive loop's garbage at zero, but is not required for correctness.
 *
 * <p>The request and reply buffers are distinct memory. Positions and limits are left alone: all access is
 * absolute (the reply from index 0). A reply is never longer than its request: {@code seal} gets that bound.
 */
public non-sealed interface Authenticator extends Authentication {

    /** What to answer a request with a trailer. */
    enum Verdict {
        /** Not authenticated, but acceptable: a plain 48-byte reply (e.g. no MAC and none required). */
        PLAIN,
        /** Authenticated: header, then {@link #seal} writes the authenticated tail. */
        AUTHENTIC,
        /** RFC 5905 crypto-NAK: the header followed by a 4-byte zero key id (an unknown key, a bad MAC). */
        CRYPTO_NAK,
        /** RFC 8915 §5.7 NTS NAK: a Kiss-o'-Death "NTSN" header; {@link #seal} appends what must follow it. */
        NTS_NAK,
        /** No reply at all; counted as {@link DropReason#AUTH_FAILED}. */
        REJECT
    }

    /**
     * @param request   the datagram; bytes {@code [headerStart, headerStart + 48)} are the header
     * @param tailStart where the extension fields / MAC begin (headerStart + 48)
     * @param tailEnd   the request's end (exclusive); {@code tailEnd > tailStart}
     */
    Verdict verify(ByteBuffer request, int headerStart, int tailStart, int tailEnd);

    /**
     * Writes what follows the header at {@code reply[48..]} and returns the reply's whole length, between 48 and
     * {@code maxLength} (the request's length, capped by the buffer). The header is final except, when the reply
     * is {@link #resealable()}, its transmit timestamp.
     */
    int seal(ByteBuffer reply, int maxLength);

    /** Whether {@link #reseal} works after {@code seal} (everything it needs is in the reply or in this object). */
    boolean resealable();

    /**
     * The transmit timestamp of a reply this object sealed was rewritten; recompute what covers it. Called after
     * other requests were verified and sealed (up to a batch of them), so it must not depend on per-request state.
     */
    void reseal(ByteBuffer reply, int length);

    /** An instance for one more receive thread (may be {@code this} when it keeps no per-request state). */
    Authenticator forThread();
}
