package io.gnomon.ntp;

import static io.gnomon.ntp.NtpPacket.OFFSET_ORIGIN_TIME;
import static io.gnomon.ntp.NtpPacket.OFFSET_POLL;
import static io.gnomon.ntp.NtpPacket.OFFSET_PRECISION;
import static io.gnomon.ntp.NtpPacket.OFFSET_RECEIVE_TIME;
import static io.gnomon.ntp.NtpPacket.OFFSET_REFERENCE_TIME;
import static io.gnomon.ntp.NtpPacket.OFFSET_REF_ID;
import static io.gnomon.ntp.NtpPacket.OFFSET_ROOT_DELAY;
import static io.gnomon.ntp.NtpPacket.OFFSET_ROOT_DISPERSION;
import static io.gnomon.ntp.NtpPacket.OFFSET_STRATUM;
import static io.gnomon.ntp.NtpPacket.OFFSET_TRANSMIT_TIME;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * The reply writer behind {@link NtpServerCore}: request bytes in, a 48-byte reply header or a named drop out. No sockets, no real clock.
 * Thread-safe (no mutable state of its own; the counters are concurrent). A handled datagram allocates nothing
 * here: the actions returned are preallocated.
 *
 * <p>The request and reply buffers may be the same memory: everything needed from the request is read before
 * the first reply byte is written. Neither buffer's position or limit is changed.
 */
public final class NtpResponder {

    /** The reply is always the bare header: extension fields and MACs are never echoed. */
    public static final int REPLY_LENGTH = NtpPacket.HEADER_LENGTH;

    /** Precision used by the no-argument constructor, about 1 µs; the server passes a measured one. */
    public static final int DEFAULT_PRECISION_LOG2 = -20;

    private static final int MAX_VERSION = 4;
    private static final int MAX_STRATUM = 15;
    private static final UtcTime NEVER = new UtcTime(0);

    private static final ServerAction.Respond RESPOND = new ServerAction.Respond(REPLY_LENGTH, true);
    private static final ServerAction.Respond KISS = new ServerAction.Respond(REPLY_LENGTH, false);
    private static final ServerAction.Ignore[] DROPS = dropsByReason();

    private final int precisionLog2;
    private final ServerCounters counters;

    /**
     * @param precisionLog2 the served clock's precision, log2 seconds (see {@link ClockPrecision})
     * @param counters      where requests, replies and drops are counted
     */
    public NtpResponder(int precisionLog2, ServerCounters counters) {
        if (precisionLog2 < -128 || precisionLog2 > 127) {
            throw new IllegalArgumentException("precision must fit a signed byte: " + precisionLog2);
        }
        this.precisionLog2 = precisionLog2;
        this.counters = counters;
    }

    /** Precision {@value #DEFAULT_PRECISION_LOG2} and counters of its own (see {@link #counters()}). */
    public NtpResponder() {
        this(DEFAULT_PRECISION_LOG2, new ServerCounters());
    }

    public ServerCounters counters() {
        return counters;
    }

    public int precisionLog2() {
        return precisionLog2;
    }

    /**
     * @param request  the datagram, from position to limit; not modified
     * @param received when the datagram arrived, in served UTC (kernel timestamp where available)
     * @param reference the current reference snapshot
     * @param transmit read once, last, for the transmit timestamp
     * @param reply    a buffer of at least 48 bytes, written from index 0; untouched on Drop
     */
    public ServerAction handle(ByteBuffer request, UtcTime received, ReferenceSnapshot reference,
                               TransmitClock transmit, ByteBuffer reply) {
        return handle(request, received.epochNanos(), reference, transmit, reply);
    }

    /**
     * As {@link #handle(ByteBuffer, UtcTime, ReferenceSnapshot, TransmitClock, ByteBuffer)}, with the receive
     * time in served UTC epoch nanoseconds and the transmit time read through
     * {@link TransmitClock#nowUtcNanos()}: a packet path whose clocks answer in nanoseconds makes no object per
     * datagram, whether or not the JIT inlines this method into its loop.
     *
     * @param receivedUtcNanos when the datagram arrived, served UTC nanoseconds since 1970
     */
    public ServerAction handle(ByteBuffer request, long receivedUtcNanos, ReferenceSnapshot reference,
                               TransmitClock transmit, ByteBuffer reply) {
        DropReason bad = admit(request, reply);
        if (bad != null) {
            return drop(bad);
        }
        int at = request.position();
        int version = version(request.get(at));
        byte poll = request.get(at + OFFSET_POLL);
        long clientTransmit = WireBytes.getLong(request, at + OFFSET_TRANSMIT_TIME);

        boolean synced = isSynchronised(reference);
        int leap = synced ? reference.leap().bits() : LeapIndicator.UNSYNCHRONISED.bits();
        // RFC 5905 §7.3: stratum 16 (unsynchronised) goes on the wire as 0, as ntpd and chrony send it
        int stratum = synced ? reference.stratum() : 0;
        UtcTime referenceTime = reference.referenceTime();
        long referenceBits = referenceTime == null || referenceTime.equals(NEVER) ? 0 : NtpTimestamp.bitsOf(referenceTime);

        reply.put(0, (byte) NtpPacket.firstByte(leap, version, NtpMode.SERVER.bits()));
        reply.put(OFFSET_STRATUM, (byte) stratum);
        reply.put(OFFSET_POLL, poll);
        reply.put(OFFSET_PRECISION, (byte) precisionLog2);
        WireBytes.putInt(reply, OFFSET_ROOT_DELAY, NtpShort.bitsOfSeconds(reference.rootDelaySeconds()));
        WireBytes.putInt(reply, OFFSET_ROOT_DISPERSION, NtpShort.bitsOfSeconds(reference.rootDispersionSeconds()));
        WireBytes.putInt(reply, OFFSET_REF_ID, RefId.bitsOfAscii(reference.refId()));
        WireBytes.putLong(reply, OFFSET_REFERENCE_TIME, referenceBits);
        WireBytes.putLong(reply, OFFSET_ORIGIN_TIME, clientTransmit);
        WireBytes.putLong(reply, OFFSET_RECEIVE_TIME, NtpTimestamp.bitsOfUtcNanos(receivedUtcNanos));
        counters.countReply();
        WireBytes.putLong(reply, OFFSET_TRANSMIT_TIME, NtpTimestamp.bitsOfUtcNanos(transmit.nowUtcNanos()));
        return RESPOND;
    }

    /**
     * Answers a request with a Kiss-o'-Death RATE (RFC 5905 §7.4) instead of the time, for the rate limiter.
     * A datagram that is not a valid client request is dropped exactly as {@link #handle} would.
     * The reply: leap 3, same version, mode 4, stratum 0, refid "RATE", poll the larger of the request's and
     * {@code minimumPollLog2}, our precision, zero root delay, dispersion and reference time, and the client's
     * transmit timestamp in origin, receive and transmit (as ntpd does: no clock is read, no time is given away,
     * and the client can still match the reply to its request).
     */
    public ServerAction kissRate(ByteBuffer request, int minimumPollLog2, ByteBuffer reply) {
        return kiss(request, RefId.RATE, minimumPollLog2, reply);
    }

    /**
     * As {@link #kissRate}, with another kiss code in the reference id (e.g. "NTSN" for an NTS NAK, RFC 8915
     * §5.7). Not restampable: the timestamps are the client's own.
     */
    public ServerAction kiss(ByteBuffer request, RefId code, int minimumPollLog2, ByteBuffer reply) {
        DropReason bad = admit(request, reply);
        if (bad != null) {
            return drop(bad);
        }
        int at = request.position();
        int version = version(request.get(at));
        int poll = Math.max(request.get(at + OFFSET_POLL), Math.clamp(minimumPollLog2, -128, 127));
        long clientTransmit = WireBytes.getLong(request, at + OFFSET_TRANSMIT_TIME);

        reply.put(0, (byte) NtpPacket.firstByte(LeapIndicator.UNSYNCHRONISED.bits(), version, NtpMode.SERVER.bits()));
        reply.put(OFFSET_STRATUM, (byte) 0);
        reply.put(OFFSET_POLL, (byte) poll);
        reply.put(OFFSET_PRECISION, (byte) precisionLog2);
        WireBytes.putInt(reply, OFFSET_ROOT_DELAY, 0);
        WireBytes.putInt(reply, OFFSET_ROOT_DISPERSION, 0);
        WireBytes.putInt(reply, OFFSET_REF_ID, code.bits());
        WireBytes.putLong(reply, OFFSET_REFERENCE_TIME, 0);
        WireBytes.putLong(reply, OFFSET_ORIGIN_TIME, clientTransmit);
        WireBytes.putLong(reply, OFFSET_RECEIVE_TIME, clientTransmit);
        WireBytes.putLong(reply, OFFSET_TRANSMIT_TIME, clientTransmit);
        counters.countKissOfDeath();
        return KISS;
    }

    /**
     * Rewrites the transmit timestamp of a reply written by {@link #handle} (48 bytes from index 0) with a
     * later reading: for a path that sends replies in batches and reads the departure clock again right
     * before the send call, after all of the call's replies were handled. The value must still be no later
     * than the reply's departure. Touches nothing else; a buffer too short for a reply is left alone.
     */
    public static void restampTransmit(ByteBuffer reply, long transmitUtcNanos) {
        if (reply.limit() >= REPLY_LENGTH && !reply.isReadOnly()) {
            WireBytes.putLong(reply, OFFSET_TRANSMIT_TIME, NtpTimestamp.bitsOfUtcNanos(transmitUtcNanos));
        }
    }

    /** For the rate limiter: a datagram it drops without any reply, counted like every other request. */
    public ServerAction dropRateLimited() {
        return refuse(DropReason.RATE_LIMITED);
    }

    /** A request refused by policy (rate limit, authentication): counted as a request and a drop. */
    public ServerAction refuse(DropReason reason) {
        counters.countRequest();
        return drop(reason);
    }

    /** Whether the snapshot lets us vouch for the time: synchronised, a real stratum, leap not 3. */
    static boolean isSynchronised(ReferenceSnapshot reference) {
        return reference.synchronised()
                && reference.leap() != null
                && reference.leap() != LeapIndicator.UNSYNCHRONISED
                && reference.stratum() >= 1
                && reference.stratum() <= MAX_STRATUM;
    }

    /** @return null for a client request we answer, else why not */
    static DropReason check(ByteBuffer request) {
        int at = request.position();
        int end = request.limit();
        if (end - at < NtpPacket.HEADER_LENGTH) {
            return DropReason.TOO_SHORT;
        }
        int first = request.get(at);
        int version = version((byte) first);
        if (version < 1 || version > MAX_VERSION) {
            return DropReason.BAD_VERSION;
        }
        DropReason modeReason = switch (first & 7) {
            // NTPv1 (RFC 1059) had no mode field: those bits were zero in every client request
            case 0 -> version == 1 ? null : DropReason.MODE_RESERVED;
            case 1 -> DropReason.MODE_SYMMETRIC_ACTIVE;
            case 2 -> DropReason.MODE_SYMMETRIC_PASSIVE;
            case 3 -> null;
            case 4 -> DropReason.MODE_SERVER;
            case 5 -> DropReason.MODE_BROADCAST;
            case 6 -> DropReason.MODE_CONTROL;
            default -> DropReason.MODE_PRIVATE;
        };
        if (modeReason != null) {
            return modeReason;
        }
        return RequestTrailer.check(request, at + NtpPacket.HEADER_LENGTH, end, version);
    }

    private static int version(byte first) {
        return (first >>> 3) & 7;
    }

    /** Counts the request; why it gets no reply (null: it is a client request we answer, and the reply fits). */
    private DropReason admit(ByteBuffer request, ByteBuffer reply) {
        counters.countRequest();
        DropReason bad = check(request);
        if (bad == null) {
            requireReplyRoom(reply);
        }
        return bad;
    }

    private ServerAction drop(DropReason reason) {
        counters.countDrop(reason);
        return DROPS[reason.ordinal()];
    }

    private static void requireReplyRoom(ByteBuffer reply) {
        if (reply.limit() < REPLY_LENGTH || reply.isReadOnly()) {
            throw new IllegalArgumentException("reply buffer needs 48 writable bytes from index 0, limit " + reply.limit());
        }
    }

    private static ServerAction.Ignore[] dropsByReason() {
        DropReason[] reasons = DropReason.values();
        ServerAction.Ignore[] drops = new ServerAction.Ignore[reasons.length];
        for (DropReason r : reasons) {
            drops[r.ordinal()] = new ServerAction.Ignore(r);
        }
        return drops;
    }
}
