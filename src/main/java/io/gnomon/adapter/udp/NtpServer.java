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

    /** The per-client rate limiter's tables, summed over receive loops; {@link RateTable#NONE} without one. */
    default RateTable rateTable() {
        return RateTable.NONE;
    }

    /**
     * Occupancy of the rate limiter's fixed tables.
     *
     * @param entries  clients tracked now (racy snapshot)
     * @param capacity slots allocated at start; never changes
     */
    record RateTable(long entries, long capacity) {
        public static final RateTable NONE = new RateTable(0, 0);
    }

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
