package io.gnomon.adapter.udp;

import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerAction;
import io.gnomon.ntp.TransmitClock;
import java.nio.ByteBuffer;

/**
 * The shape of {@link io.gnomon.ntp.NtpResponder#handle(ByteBuffer, long, ReferenceSnapshot, TransmitClock,
 * ByteBuffer)}: the receive time in served UTC epoch nanoseconds, so a batch path hands it over without making
 * an object per datagram. The composition passes {@code responder::handle}.
 */
@FunctionalInterface
public interface NanosRequestHandler {
    ServerAction handle(ByteBuffer request, long receivedUtcNanos, ReferenceSnapshot reference,
                        TransmitClock transmit, ByteBuffer reply);
}
