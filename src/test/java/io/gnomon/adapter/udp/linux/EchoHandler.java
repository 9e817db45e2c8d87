package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.udp.RequestHandler;
import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerAction;
import io.gnomon.ntp.TransmitClock;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;

/**
 * A test responder: answers a datagram of 48 bytes or more with 32 bytes — [0..8) the request's bytes
 * 40..48 (its transmit timestamp field), [8..16) received nanos, [16..24) transmit nanos, [24..32) the host clock read while handling;
 * drops shorter ones.
 */
final class EchoHandler implements RequestHandler {
    private final Clock host = Clock.systemUTC();

    @Override
    public ServerAction handle(ByteBuffer request, UtcTime received, ReferenceSnapshot reference,
                               TransmitClock transmit, ByteBuffer reply) {
        if (request.remaining() < 48) {
            return new ServerAction.Drop(DropReason.TOO_SHORT);
        }
        Instant now = host.instant();
        reply.putLong(0, request.getLong(request.position() + 40));
        reply.putLong(8, received.epochNanos());
        reply.putLong(24, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        reply.putLong(16, transmit.now().epochNanos());
        return new ServerAction.Respond(32);
    }
}
