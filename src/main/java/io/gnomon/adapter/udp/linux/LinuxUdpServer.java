package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.LoopThreads;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.adapter.udp.UdpServer;
import io.gnomon.ntp.NtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Linux socket path: per listen address, {@code threadsPerAddress} sockets bound to the same port with
 * SO_REUSEPORT (the kernel spreads clients over them by address hash), each served by one
 * {@link ReceiveLoop} with recvmmsg/sendmmsg and kernel receive timestamps, answering through its own core of
 * the {@link NtpServer}.
 */
public final class LinuxUdpServer implements UdpServer {
    private final List<ReceiveLoop> loops;
    private final List<ListenAddress> listening;
    private final UdpCounters counters;
    private final ReceiveBuffer receiveBuffer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LinuxUdpServer(List<ReceiveLoop> loops, List<ListenAddress> listening, UdpCounters counters,
                           ReceiveBuffer receiveBuffer) {
        this.loops = loops;
        this.listening = listening;
        this.counters = counters;
        this.receiveBuffer = receiveBuffer;
    }

    /**
     * Binds every socket first (all or nothing), then starts the loops.
     *
     * @throws ListenException naming the address that could not be bound; nothing is left open
     * @throws UncheckedIOException when the kernel refuses a socket option this path needs (the address is
     *                              fine; the portable path may serve it); nothing is left open
     */
    public static LinuxUdpServer start(LinuxAbi abi, List<ListenAddress> addresses, NtpServer server,
                                       LinuxUdpSettings settings, UdpServer.LoopDeath onLoopDeath)
            throws ListenException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no listen address");
        }
        UdpCounters counters = new UdpCounters();
        List<LinuxUdpSocket> sockets = new ArrayList<>();
        List<ReceiveLoop> loops = new ArrayList<>();
        List<ListenAddress> bound = new ArrayList<>();
        boolean reusePort = settings.threadsPerAddress() > 1;
        try {
            for (ListenAddress address : addresses) {
                ListenAddress actual = address;
                for (int t = 0; t < settings.threadsPerAddress(); t++) {
                    LinuxUdpSocket s = open(abi, actual, reusePort, settings.receiveBufferBytes(),
                            settings.calibrateEvery() > 0);
                    sockets.add(s);
                    if (t == 0) {
                        actual = address.withPort(port(s, address));
                        bound.add(actual);
                    }
                    loops.add(new ReceiveLoop(abi, s, server.newCore(), counters, settings,
                            "ntp-linux " + actual + " #" + t, actual, onLoopDeath));
                }
            }
        } catch (ListenException | RuntimeException e) {
            sockets.forEach(LinuxUdpSocket::close);
            throw e;
        }
        ReceiveBuffer smallest = sockets.stream().map(LinuxUdpSocket::receiveBuffer)
                .min(java.util.Comparator.comparingInt(ReceiveBuffer::grantedBytes)).orElseThrow();
        loops.forEach(l -> l.thread.start());
        return new LinuxUdpServer(List.copyOf(loops), List.copyOf(bound), counters, smallest);
    }

    private static LinuxUdpSocket open(LinuxAbi abi, ListenAddress address, boolean reusePort, int receiveBuffer,
                                       boolean transmitTimestamps) throws ListenException {
        try {
            return LinuxUdpSocket.open(abi, address.socketAddress(), reusePort, receiveBuffer, transmitTimestamps);
        } catch (LinuxUdpSocket.SocketOptionRefused e) {
            // not the address's fault: the caller may fall back to the portable path
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw ListenException.of(address, e);
        }
    }

    private static int port(LinuxUdpSocket s, ListenAddress address) throws ListenException {
        try {
            return s.localAddress().getPort();
        } catch (IOException e) {
            throw ListenException.of(address, e);
        }
    }

    @Override
    public List<ListenAddress> listening() {
        return listening;
    }

    @Override
    public UdpCounters counters() {
        return counters;
    }

    /** The smallest receive buffer the kernel gave any of this server's sockets (all are asked the same). */
    public ReceiveBuffer receiveBuffer() {
        return receiveBuffer;
    }

    /** Counts of this path's own (racy snapshot, for logs and tests). */
    public PathCounters pathCounters() {
        long truncated = 0;
        long userspace = 0;
        long interleaved = 0;
        long matched = 0;
        long missed = 0;
        long late = 0;
        long hardware = 0;
        for (ReceiveLoop l : loops) {
            ReceiveLoop.LoopCounters c = l.counters();
            truncated += c.truncated;
            userspace += c.userspaceStamps;
            interleaved += l.interleavedReplies();
            matched += c.transmitStampsMatched;
            missed += c.transmitStampsMissed;
            late += c.transmitStampsLate;
            hardware += c.hardwareStamps;
        }
        return new PathCounters(truncated, userspace,
                new TransmitStamps(interleaved, matched, missed, late, hardware));
    }

    /**
     * What the server core never sees (KoD RATE and rate-limit drops are counted by the core, in
     * {@link io.gnomon.ntp.ServerCounters}).
     *
     * @param truncated       datagrams longer than the receive buffer, not answered
     * @param userspaceStamps datagrams without a kernel receive timestamp (stamped after the read instead)
     * @param transmit        kernel transmit timestamps and interleaved mode
     */
    public record PathCounters(long truncated, long userspaceStamps, TransmitStamps transmit) {
        @Override
        public String toString() {
            return "truncated=" + truncated + " userspaceStamps=" + userspaceStamps + " " + transmit;
        }
    }

    /**
     * Kernel transmit timestamps and interleaved mode.
     *
     * @param interleavedReplies replies that carried the previous reply's exact transmit time
     * @param matched            kernel transmit timestamps filed under the exchange they belong to
     * @param missed             replies whose transmit timestamp never came (its key was reused first)
     * @param late               timestamps read only after a later send (not there right after their own)
     * @param hardware           timestamps that also carried a NIC hardware stamp (counted; the software one is used)
     */
    public record TransmitStamps(long interleavedReplies, long matched, long missed, long late, long hardware) {
        @Override
        public String toString() {
            return "interleaved=" + interleavedReplies + " txStampsMatched=" + matched + " txStampsMissed=" + missed
                    + " txStampsLate=" + late + " txStampsHardware=" + hardware;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loops.forEach(ReceiveLoop::stop);
        LoopThreads.joinAll(loops.stream().map(loop -> loop.thread).toList());
    }

    @Override
    public String toString() {
        return "linux-ffm " + counters + " " + pathCounters();
    }
}
