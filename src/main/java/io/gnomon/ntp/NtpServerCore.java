package io.gnomon.ntp;

import java.nio.ByteBuffer;

/**
 * All request policy, for one receive thread: parse, count the client, rate-limit (KoD RATE or silence),
 * authenticate (through the policy's {@link Authenticator}), write the reply into the caller's buffer — never
 * longer than the request — and say what to do with it. Like ntpd-rs's {@code Server::handle}: bytes and
 * timestamps in, a {@link ServerAction} out; no socket, and no clock read: the caller passes the host's receive
 * and departure readings as values and the {@link ServingSource} converts them to served UTC.
 *
 * <p>Not thread-safe (the rate-limiter table and the authenticator's per-request state are this thread's); the
 * counters and the client tally it writes are shared and concurrent. A plain request allocates nothing.
 */
public final class NtpServerCore {
    private static final int HEADER = NtpPacket.HEADER_LENGTH;
    private static final int CRYPTO_NAK_LENGTH = HEADER + 4;
    private static final ServerAction.Respond CRYPTO_NAK = new ServerAction.Respond(CRYPTO_NAK_LENGTH, true);
    private static final RefId NTSN = RefId.ofAscii("NTSN");

    private final NtpResponder responder;
    private final ServingSource serving;
    private final RecentClients clients;
    private final RateLimiter limiter;
    private final boolean limitLoopback;
    private final int kissPoll;
    private final Authenticator authenticator;
    /** Respond actions for sealed replies, by length, made on first use (a handful of lengths in practice). */
    private final ServerAction.Respond[] sealed = new ServerAction.Respond[2049];
    private final Departure departure = new Departure();
    /** Recent exchanges for interleaved mode; fed by a path that reads kernel transmit timestamps. */
    private final InterleavedExchanges interleaved = new InterleavedExchanges(INTERLEAVE_TABLE);
    /** Exchanges remembered per receive thread (4096: 96 KiB); clients beyond it get basic replies. */
    public static final int INTERLEAVE_TABLE = 4096;
    private static final ServerAction.Respond INTERLEAVED = new ServerAction.Respond(HEADER, false);

    NtpServerCore(ServerPolicy policy, ServingSource serving, ServerCounters counters, RecentClients clients,
                  long hashSeed) {
        this.responder = new NtpResponder(policy.precisionLog2(), counters);
        this.serving = serving;
        this.clients = clients;
        RateLimitSettings limits = policy.rateLimit();
        this.limiter = limits.enabled() ? new RateLimiter(limits, hashSeed) : null;
        this.limitLoopback = limits.limitLoopback();
        this.kissPoll = policy.kissPollLog2();
        this.authenticator = policy.authentication() instanceof Authenticator a ? a.forThread() : null;
    }

    /**
     * Answers one datagram.
     *
     * @param request               the datagram, position to limit; not modified
     * @param clientKey             who sent it: the IPv4 address, or the IPv6 /64 (or a hash of the address)
     * @param loopback              it came from 127.0.0.0/8 or ::1 (exempt from rate limits unless configured)
     * @param receivedRealtimeNanos host CLOCK_REALTIME when it arrived (kernel timestamp where available)
     * @param monotonicNanos        any monotonic nanosecond count at arrival (the rate limiter's time)
     * @param departureRealtimeNanos host CLOCK_REALTIME no later than the reply will leave; a path that knows it
     *                              better right before the send calls {@link #restamp}
     * @param reply                 written from index 0 when the action is {@link ServerAction.Respond}; distinct
     *                              from the request's memory when an authenticator is configured
     */
    public ServerAction handle(ByteBuffer request, long clientKey, boolean loopback, long receivedRealtimeNanos,
                               long monotonicNanos, long departureRealtimeNanos, ByteBuffer reply) {
        clients.seen(clientKey);
        if (limiter != null && (limitLoopback || !loopback)) {
            RateLimiter.Decision d = limiter.check(clientKey, monotonicNanos);
            if (d == RateLimiter.Decision.KISS_OF_DEATH) {
                return responder.kissRate(request, kissPoll, reply); // counts the kiss, or the request's own drop
            }
            if (d == RateLimiter.Decision.DROP) {
                return responder.dropRateLimited();
            }
        }
        ServingState now = serving.current();
        departure.servedUtcNanos = now.servedUtcNanos(departureRealtimeNanos);
        long received = now.servedUtcNanos(receivedRealtimeNanos);
        int headerStart = request.position();
        int end = request.limit();
        if (authenticator == null || end - headerStart <= HEADER) {
            ServerAction action = responder.handle(request, received, now.snapshot(), departure, reply);
            if (action instanceof ServerAction.Respond r && r.length() == HEADER && r.restampable()
                    && interleaved.interleave(request, clientKey, reply)) {
                return INTERLEAVED; // T3 is the previous reply's exact departure: final
            }
            return action;
        }
        return authenticated(request, headerStart, end, received, now.snapshot(), reply);
    }

    private ServerAction authenticated(ByteBuffer request, int headerStart, int end, long received,
                                       ReferenceSnapshot reference, ByteBuffer reply) {
        if (NtpResponder.check(request) != null) {
            return responder.handle(request, received, reference, departure, reply); // counts its drop reason
        }
        int maxLength = Math.min(end - headerStart, reply.limit());
        return switch (authenticator.verify(request, headerStart, headerStart + HEADER, end)) {
            case PLAIN -> responder.handle(request, received, reference, departure, reply);
            case REJECT -> responder.refuse(DropReason.AUTH_FAILED);
            case CRYPTO_NAK -> {
                responder.handle(request, received, reference, departure, reply);
                reply.putInt(HEADER, 0); // key id 0 and no digest
                yield CRYPTO_NAK;
            }
            case AUTHENTIC -> {
                responder.handle(request, received, reference, departure, reply);
                yield sealedReply(authenticator.seal(reply, maxLength), maxLength, authenticator.resealable());
            }
            case NTS_NAK -> {
                responder.kiss(request, NTSN, kissPoll, reply);
                yield sealedReply(authenticator.seal(reply, maxLength), maxLength, false);
            }
        };
    }

    private ServerAction.Respond sealedReply(int length, int maxLength, boolean restampable) {
        if (length < HEADER || length > maxLength) {
            throw new IllegalStateException("authenticator sealed a reply of " + length + " bytes; allowed 48.."
                    + maxLength + " (never longer than the request)");
        }
        if (!restampable) {
            return new ServerAction.Respond(length, false);
        }
        ServerAction.Respond r = sealed[length];
        if (r == null) {
            r = new ServerAction.Respond(length, true);
            sealed[length] = r;
        }
        return r;
    }

    /**
     * Writes a later transmit timestamp into a reply this core answered with a restampable
     * {@link ServerAction.Respond}, right before it is sent (the reply from index 0, {@code length} bytes), and
     * seals it again when it is authenticated.
     *
     * @param departureRealtimeNanos host CLOCK_REALTIME, still no later than the reply's departure
     */
    public void restamp(ByteBuffer reply, int length, long departureRealtimeNanos) {
        NtpResponder.restampTransmit(reply, serving.current().servedUtcNanos(departureRealtimeNanos));
        if (length > CRYPTO_NAK_LENGTH && authenticator != null) {
            authenticator.reseal(reply, length);
        }
    }

    /**
     * The key of the exchange a reply just written by {@link #handle} belongs to, for a path that will report
     * when it left ({@link #sent}, then {@link #departed}): the receive timestamp it carries, as on the wire.
     * 0 — nothing to report, no transmit timestamp to ask the kernel for — when the request does not ask for
     * interleaved mode (basic clients cost nothing and cannot push interleaved ones out of the table) or the
     * reply is no plain time reply (a KoD, a crypto-NAK, an authenticated reply: not interleaved here yet).
     */
    public long exchangeOf(ByteBuffer request, ByteBuffer reply, int length) {
        if (length != HEADER || reply.get(1) == 0 || !InterleavedExchanges.wanted(request)) {
            return 0;
        }
        return reply.getLong(32);
    }

    /** The reply of exchange {@code exchange} to {@code clientKey} went to the kernel. */
    public void sent(long clientKey, long exchange) {
        interleaved.sent(clientKey, exchange);
    }

    /** The kernel's transmit timestamp (CLOCK_REALTIME) of exchange {@code exchange}'s reply. */
    public void departed(long exchange, long departureRealtimeNanos) {
        interleaved.transmitted(exchange,
                NtpTimestamp.bitsOfUtcNanos(serving.current().servedUtcNanos(departureRealtimeNanos)));
    }

    /** Replies sent in interleaved mode (racy read). */
    public long interleavedReplies() {
        return interleaved.interleavedReplies();
    }

    long rateTableEntries() {
        return limiter == null ? 0 : limiter.entries();
    }

    long rateTableCapacity() {
        return limiter == null ? 0 : limiter.capacity();
    }

    /** The departure reading of the request being answered, already in served UTC: no clock is read. */
    private static final class Departure implements TransmitClock {
        long servedUtcNanos;

        @Override
        public io.gnomon.time.UtcTime now() {
            return new io.gnomon.time.UtcTime(servedUtcNanos);
        }

        @Override
        public long nowUtcNanos() {
            return servedUtcNanos;
        }
    }
}
