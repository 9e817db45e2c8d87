package io.gnomon.ntp;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * The NTP server as a function: request bytes in, a reply or a named drop out. No sockets, no real clock.
 * (API fixed by the foundation skeleton; the NTP core issue implements it.)
 */
public final class NtpResponder {

    /**
     * @param request  the datagram, from position to limit; not modified
     * @param received when the datagram arrived, in served UTC (kernel timestamp where available)
     * @param reference the current reference snapshot
     * @param transmit read once, last, for the transmit timestamp
     * @param reply    a buffer of at least 48 bytes, written from index 0; untouched on Drop
     */
    public ServerAction handle(ByteBuffer request, UtcTime received, ReferenceSnapshot reference,
                               TransmitClock transmit, ByteBuffer reply) {
        throw new UnsupportedOperationException("NTP core not written yet");
    }
}
