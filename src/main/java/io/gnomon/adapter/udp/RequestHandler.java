package io.gnomon.adapter.udp;

import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerAction;
import io.gnomon.ntp.TransmitClock;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * The shape of {@link io.gnomon.ntp.NtpResponder#handle}: the composition passes {@code responder::handle}.
 * Every socket path (portable here, Linux batch in the performance work) calls exactly this.
 */
@FunctionalInterface
public interface RequestHandler {
    ServerAction handle(ByteBuffer request, UtcTime received, ReferenceSnapshot reference,
                        TransmitClock transmit, ByteBuffer reply);
}
