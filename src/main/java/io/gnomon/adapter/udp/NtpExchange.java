package io.gnomon.adapter.udp;

import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServerAction;
import io.gnomon.ntp.TransmitClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * What every socket path does with one datagram, whatever the socket API: convert the host receive
 * timestamp to served UTC, read the current reference snapshot, and let the responder answer with a
 * transmit timestamp read from the served clock as late as it can.
 */
public final class NtpExchange {
    private final RequestHandler handler;
    private final NanosRequestHandler nanosHandler;
    private final ReferenceSource reference;
    private final ServedClock served;
    private final TransmitClock transmit;
    private final RecentClients clients;

    /** With a tally of recent clients of its own (nobody reads it: for probes and warm-up). */
    public NtpExchange(RequestHandler handler, ReferenceSource reference, ServedClock served) {
        this(handler, reference, served, RecentClients.tenMinutes(0));
    }

    /** @param clients where every socket path reports each datagram's client ({@link #clientSeen}) */
    public NtpExchange(RequestHandler handler, ReferenceSource reference, ServedClock served, RecentClients clients) {
        this(handler, (request, receivedUtcNanos, snapshot, transmit, reply) ->
                handler.handle(request, new UtcTime(receivedUtcNanos), snapshot, transmit, reply), reference, served,
                clients);
    }

    /**
     * @param nanosHandler the same handler taking nanoseconds (for {@code NtpResponder}: {@code responder::handle}
     *                     twice), used by {@link #answerNanos}
     */
    public NtpExchange(RequestHandler handler, NanosRequestHandler nanosHandler, ReferenceSource reference,
                       ServedClock served) {
        this(handler, nanosHandler, reference, served, RecentClients.tenMinutes(0));
    }

    /** The canonical form: both handlers and where every socket path reports each datagram's client. */
    public NtpExchange(RequestHandler handler, NanosRequestHandler nanosHandler, ReferenceSource reference,
                       ServedClock served, RecentClients clients) {
        this.handler = handler;
        this.nanosHandler = nanosHandler;
        this.reference = reference;
        this.served = served;
        this.transmit = served::now;
        this.clients = clients;
    }

    /**
     * A datagram came from the client with this key (the IPv4 address or IPv6 /64 on the Linux path; see
     * {@link ClientKeys} on the portable one). Call once per received datagram; allocates nothing.
     */
    public void clientSeen(long clientKey) {
        clients.seen(clientKey);
    }

    /**
     * @param request  the datagram, position to limit
     * @param received when the host saw it arrive (CLOCK_REALTIME, read right after the receive call or
     *                 stamped by the kernel)
     * @param reply    written from index 0 when the action is {@link ServerAction.Respond}
     */
    public ServerAction answer(ByteBuffer request, RealtimeTime received, ByteBuffer reply) {
        return handler.handle(request, served.fromRealtime(received), reference.current(), transmit, reply);
    }

    /**
     * As {@link #answer(ByteBuffer, RealtimeTime, ByteBuffer)}, with the transmit timestamp from
     * {@code transmit}: for a path that sends replies in batches and knows when each one will leave.
     */
    public ServerAction answer(ByteBuffer request, RealtimeTime received, TransmitClock transmit, ByteBuffer reply) {
        return handler.handle(request, served.fromRealtime(received), reference.current(), transmit, reply);
    }

    /**
     * As {@link #answer(ByteBuffer, RealtimeTime, TransmitClock, ByteBuffer)} in plain nanoseconds: no time
     * value is made for the datagram (with a served clock and transmit clock that answer in nanoseconds).
     *
     * @param receivedRealtimeNanos CLOCK_REALTIME nanoseconds, kernel-stamped
     */
    public ServerAction answerNanos(ByteBuffer request, long receivedRealtimeNanos, TransmitClock transmit,
                                    ByteBuffer reply) {
        return nanosHandler.handle(request, served.fromRealtimeNanos(receivedRealtimeNanos), reference.current(),
                transmit, reply);
    }

    /** The served clock, for a path that converts its own host timestamps (e.g. predicted departures). */
    public ServedClock served() {
        return served;
    }
}
