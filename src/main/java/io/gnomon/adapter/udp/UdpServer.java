package io.gnomon.adapter.udp;

import io.gnomon.ntp.NtpServer;
import java.util.List;

/**
 * A running socket path: sockets bound, one receive loop per socket, each moving datagrams and host timestamps
 * through its own {@link io.gnomon.ntp.NtpServerCore}. The portable path is {@link PortableUdpServer}; the Linux
 * batch path is {@code linux.LinuxUdpServer}; {@code linux.SocketPaths} chooses.
 */
public interface UdpServer extends AutoCloseable {

    /** How a socket path is started; the composition root picks one. */
    @FunctionalInterface
    interface Starter {
        /**
         * Binds every address (all or nothing) and starts serving through cores of {@code server}.
         *
         * @throws ListenException naming the first address that could not be bound; nothing is left open
         */
        UdpServer start(List<ListenAddress> addresses, NtpServer server, LoopDeath onLoopDeath) throws ListenException;
    }

    /** Where it listens, with the ports the kernel actually bound (port 0 resolved). */
    List<ListenAddress> listening();

    UdpCounters counters();

    /**
     * A receive loop ended by an unexpected error (never by {@link #close()}). Its socket is closed; the owner
     * should stop the whole server rather than run on with an address nobody answers. Called on the dying
     * loop's thread: do not call {@link #close()} from it (close waits for that thread).
     */
    @FunctionalInterface
    interface LoopDeath {
        void died(ListenAddress where, Throwable why);
    }

    /** Closes every socket and waits for the receive loops to end. Idempotent. */
    @Override
    void close();
}
