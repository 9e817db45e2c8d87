package io.gnomon.adapter.udp;

import java.util.List;

/**
 * A way of moving NTP datagrams between sockets and the {@link NtpExchange}: the portable
 * {@link PortableUdpServer#path}, or a platform-specific one (batched system calls, kernel timestamps). The
 * composition root picks one and starts it; everything behind the exchange is the same.
 */
@FunctionalInterface
public interface NtpSocketPath {

    /**
     * Binds every address (all or nothing) and starts serving.
     *
     * @throws ListenException naming the first address that could not be bound; nothing is left open
     */
    NtpServer start(List<ListenAddress> addresses, NtpExchange exchange, NtpServer.LoopDeath onLoopDeath)
            throws ListenException;
}
