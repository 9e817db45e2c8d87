package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * Interleaved server mode as chrony implements it (its {@code xleave}; draft-ietf-ntp-interleaved-modes): a
 * fixed-memory table of recent exchanges, each the receive timestamp a reply carried and the exact time that
 * reply left (the kernel's transmit timestamp, reported after the send).
 *
 * <p>A client asks for interleaved mode by putting, in its request's origin field, the receive timestamp of
 * our previous reply to it (and a receive field different from its transmit field). When the table still holds
 * that exchange for that client with its exact transmit time, the reply is interleaved: origin = the request's
 * receive field (when the client got our previous reply), receive = this request's arrival as usual, transmit =
 * when our previous reply really left. The client then computes its offset from exact timestamps only; our send
 * path's latency drops out. Every other request — a client in basic mode, an exchange the table lost, a previous
 * reply whose transmit timestamp never came — is answered in basic mode, exactly as without this table.
 *
 * <p>Memory is fixed: {@code capacity} slots (a power of two) addressed by a hash of the receive timestamp, as
 * chrony's map of NTP timestamps is; a newer exchange overwrites an older one in its slot, and the client whose
 * exchange was overwritten gets one basic reply, then is interleaved again. Pure: no clock, no socket; one table
 * per receive thread (not thread-safe).
 */
public final class InterleavedExchanges {
    private static final int ORIGIN = 24;
    private static final int RECEIVE = 32;
    private static final int TRANSMIT = 40;

    private final long[] receive;
    private final long[] transmit;
    private final long[] client;
    private final int mask;
    private long interleaved;
    private long recorded;
    private long stamped;
    private long unmatchedStamps;

    /** @param capacity slots, a power of two */
    public InterleavedExchanges(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        receive = new long[capacity];
        transmit = new long[capacity];
        client = new long[capacity];
        mask = capacity - 1;
    }

    /**
     * Whether {@code request} (header at its position) asks for interleaved mode as chrony's {@code xleave}
     * client does: a non-zero origin (our previous receive timestamp) and a receive field different from its
     * transmit field. Only such clients' exchanges need remembering.
     */
    public static boolean wanted(ByteBuffer request) {
        int at = request.position();
        return request.getLong(at + ORIGIN) != 0 && request.getLong(at + RECEIVE) != request.getLong(at + TRANSMIT);
    }

    /**
     * Turns a basic reply just written into {@code reply} (48-byte header from index 0) into an interleaved one
     * when {@code request} asks for it and this table has the exact transmit time of the previous reply to
     * {@code clientKey}; returns whether it did (the reply's transmit field is then final: never restamp it).
     *
     * @param request the client's request, header at its position
     */
    public boolean interleave(ByteBuffer request, long clientKey, ByteBuffer reply) {
        int at = request.position();
        if (!wanted(request)) {
            return false;
        }
        long origin = request.getLong(at + ORIGIN);
        int slot = slot(origin);
        long tx = transmit[slot];
        if (receive[slot] != origin || client[slot] != clientKey || tx == 0) {
            return false;
        }
        reply.putLong(ORIGIN, request.getLong(at + RECEIVE));
        reply.putLong(TRANSMIT, tx);
        interleaved++;
        return true;
    }

    /**
     * A reply to {@code clientKey} carrying receive timestamp {@code receiveNtp} (as on the wire) is being sent;
     * its transmit time is not known yet ({@link #transmitted} adds it).
     */
    public void sent(long clientKey, long receiveNtp) {
        int slot = slot(receiveNtp);
        receive[slot] = receiveNtp;
        client[slot] = clientKey;
        transmit[slot] = 0;
        recorded++;
    }

    /**
     * The reply that carried receive timestamp {@code receiveNtp} left at {@code transmitNtp} (NTP format, served
     * UTC); ignored when the table no longer holds that exchange.
     */
    public void transmitted(long receiveNtp, long transmitNtp) {
        int slot = slot(receiveNtp);
        if (receive[slot] == receiveNtp && receiveNtp != 0) {
            transmit[slot] = transmitNtp;
            stamped++;
        } else {
            unmatchedStamps++;
        }
    }

    public int capacity() {
        return mask + 1;
    }

    /** Replies sent in interleaved mode. */
    public long interleavedReplies() {
        return interleaved;
    }

    /** Exchanges recorded, and those that then got their exact transmit time (racy reads, for status). */
    public long recordedExchanges() {
        return recorded;
    }

    public long stampedExchanges() {
        return stamped;
    }

    /** Transmit times that came after their exchange had been overwritten. */
    public long unmatchedStamps() {
        return unmatchedStamps;
    }

    private int slot(long ntp) {
        long h = ntp * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
