package io.gnomon.ntp;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * A one-shot NTP client exchange (RFC 5905 client mode), as pure functions: the request to send and the judgement
 * of what came back. The request's transmit timestamp is a random 64-bit nonce rather than the local time (as
 * NTPsec and chrony do), so a reply proves it answers this request by echoing it as its origin timestamp; the
 * caller keeps the real send time. Time and randomness come in as arguments.
 */
public final class ClientQuery {
    /**
     * Kiss codes that tell a client to change what it does (RFC 5905 §7.4). A stratum-0 reply with another
     * reference id (INIT, or a refid such as "SIM" with leap indicator 3) is an unsynchronised server, not a kiss.
     */
    private static final java.util.Set<String> KISS_CODES = java.util.Set.of("ACST", "AUTH", "AUTO", "BCST", "CRYP",
            "DENY", "DROP", "RSTR", "MCST", "NKEY", "RATE", "RMOT", "STEP");

    private ClientQuery() {}

    /** A 48-byte version 4, mode 3 request whose transmit timestamp is {@code nonce}. */
    public static ByteBuffer request(long nonce) {
        ByteBuffer b = ByteBuffer.allocate(NtpPacket.HEADER_LENGTH);
        new NtpPacket(LeapIndicator.NO_WARNING, 4, NtpMode.CLIENT, 0, 0, 0, NtpShort.ZERO, NtpShort.ZERO,
                new RefId(0), NtpTimestamp.ZERO, NtpTimestamp.ZERO, NtpTimestamp.ZERO, new NtpTimestamp(nonce))
                .encode(b, 0);
        return b;
    }

    /**
     * @param reply the datagram received, position to limit
     * @param nonce the transmit timestamp the request carried
     * @param sent  local UTC when the request left (T1)
     * @param received local UTC when the reply arrived (T4)
     */
    public static ClientOutcome judge(ByteBuffer reply, long nonce, UtcTime sent, UtcTime received) {
        if (reply.remaining() < NtpPacket.HEADER_LENGTH) {
            return new ClientOutcome.Invalid("reply too short: " + reply.remaining() + " bytes, an NTP header has 48");
        }
        NtpPacket p = NtpPacket.decode(reply);
        if (p.mode() != NtpMode.SERVER) {
            return new ClientOutcome.Invalid("reply is mode " + p.mode().bits() + " (" + p.mode() + "), not a server reply");
        }
        if (p.originTime().bits() != nonce) {
            return new ClientOutcome.Invalid("reply does not answer our request (origin timestamp " + p.originTime()
                    + " is not the transmit timestamp we sent)");
        }
        if (p.stratum() == 0 && KISS_CODES.contains(p.refId().ascii())) {
            return new ClientOutcome.KissOfDeath(p.refId().ascii(), p);
        }
        if (p.transmitTime().isZero() || p.receiveTime().isZero()) {
            return new ClientOutcome.Invalid("reply has a zero receive or transmit timestamp");
        }
        UtcTime t2 = p.receiveTime().toUtc(sent);
        UtcTime t3 = p.transmitTime().toUtc(sent);
        long offset = Math.floorDiv(t2.nanosSince(sent) + t3.nanosSince(received), 2);
        long delay = received.nanosSince(sent) - t3.nanosSince(t2);
        if (p.leap() == LeapIndicator.UNSYNCHRONISED || p.stratum() == 0 || p.stratum() > 15) {
            return new ClientOutcome.Unsynchronised(p, offset, delay);
        }
        return new ClientOutcome.Answer(p, offset, delay);
    }
}
