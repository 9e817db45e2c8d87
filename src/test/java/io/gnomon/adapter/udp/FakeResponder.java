package io.gnomon.adapter.udp;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerAction;
import io.gnomon.ntp.TransmitClock;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test stand-in for the responder: answers any datagram of 48 bytes or more with 48 bytes
 * [0..8) request's first 8 bytes, [8..16) received nanos, [16..24) transmit nanos, [24] stratum;
 * drops shorter ones; throws an exception on a datagram whose first byte is 0x7f, an Error on 0x7e.
 */
final class FakeResponder implements RequestHandler {
    final AtomicReference<ReferenceSnapshot> lastReference = new AtomicReference<>();

    @Override
    public ServerAction handle(ByteBuffer request, UtcTime received, ReferenceSnapshot reference,
                               TransmitClock transmit, ByteBuffer reply) {
        if (request.remaining() > 0 && request.get(request.position()) == 0x7f) {
            throw new IllegalStateException("fake responder told to fail");
        }
        if (request.remaining() > 0 && request.get(request.position()) == 0x7e) {
            throw new LinkageError("fake responder: a class went missing");
        }
        if (request.remaining() < 48) {
            return new ServerAction.Drop(DropReason.TOO_SHORT);
        }
        lastReference.set(reference);
        reply.putLong(0, request.getLong(request.position()));
        reply.putLong(8, received.epochNanos());
        reply.put(24, (byte) reference.stratum());
        reply.putLong(16, transmit.now().epochNanos());
        return new ServerAction.Respond(48);
    }
}
