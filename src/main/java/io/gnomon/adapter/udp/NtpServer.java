package io.gnomon.adapter.udp;

import java.util.List;

/**
 * A running NTP socket path: sockets bound, one receive loop per socket, answering through an
 * {@link NtpExchange}. The portable path is {@link PortableUdpServer}; a Linux batch path can implement
 * this too and the composition root chooses.
 */
public interface NtpServer extends AutoCloseable {

    /** Where it listens, with the ports the kernel actually bound (port 0 resolved). */
    List<ListenAddress> listening();

    UdpCounters counters();

    /** Closes every socket and waits for the receive loops to end. Idempotent. */
    @Override
    void close();
}
