package io.gnomon.adapter.udp;

import io.gnomon.adapter.udp.UdpServer.LoopDeath;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.NtpServerCore;
import io.gnomon.ntp.ServerAction;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.RealtimeClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portable socket path: one blocking {@link DatagramChannel} and one receive-loop thread per listen
 * address. The receive time is read from the host clock right after the datagram is read (no kernel
 * timestamps here), then the datagram goes through the loop's {@link NtpServerCore} (which rate-limits and
 * authenticates here exactly as on the Linux path); the transmit timestamp is written again from a reading
 * taken right before the send.
 */
public final class PortableUdpServer implements UdpServer {
    private static final Logger log = LoggerFactory.getLogger(PortableUdpServer.class);

    /** Larger than any NTP request we answer (48-byte header, extension fields, MAC); longer ones arrive cut. */
    static final int BUFFER_BYTES = 2048;

    private final List<Loop> loops;
    private final List<ListenAddress> listening;
    private final UdpCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PortableUdpServer(List<Loop> loops, UdpCounters counters) {
        this.loops = loops;
        this.counters = counters;
        this.listening = loops.stream().map(l -> l.bound).toList();
    }

    /**
     * This path as a {@link UdpServer.Starter}: receive and departure times read from {@code realtime}, the rate
     * limiter's time from {@code monotonic}.
     */
    public static UdpServer.Starter starter(RealtimeClock realtime, MonotonicClock monotonic) {
        return (addresses, server, onLoopDeath) -> start(addresses, server, realtime, monotonic, onLoopDeath);
    }

    /**
     * Binds every address first (all or nothing), then starts one receive loop per socket.
     *
     * @throws ListenException naming the first address that could not be bound; nothing is left open
     */
    public static PortableUdpServer start(List<ListenAddress> addresses, NtpServer server, RealtimeClock realtime,
                                          MonotonicClock monotonic, LoopDeath onLoopDeath) throws ListenException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no listen address");
        }
        UdpCounters counters = new UdpCounters();
        List<Loop> loops = new ArrayList<>();
        for (ListenAddress address : addresses) {
            try {
                DatagramChannel channel = bind(address);
                loops.add(new Loop(channel, address.withPort(localPort(channel, address)), server.newCore(), realtime,
                        monotonic, counters, onLoopDeath));
            } catch (ListenException e) {
                loops.forEach(Loop::closeChannel);
                throw e;
            }
        }
        PortableUdpServer started = new PortableUdpServer(List.copyOf(loops), counters);
        loops.forEach(Loop::start);
        return started;
    }

    private static DatagramChannel bind(ListenAddress address) throws ListenException {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(address.isIpv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.bind(address.socketAddress());
            return channel;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the bind failure is what matters
                }
            }
            throw ListenException.of(address, e);
        }
    }

    private static int localPort(DatagramChannel channel, ListenAddress address) throws ListenException {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the first failure is what matters
            }
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loops.forEach(Loop::closeChannel);
        LoopThreads.joinAll(loops.stream().map(loop -> loop.thread).toList());
    }

    /** One socket and the thread that serves it. Buffers are allocated once and reused. */
    private static final class Loop implements Runnable {
        private final DatagramChannel channel;
        private final ListenAddress bound;
        private final NtpServerCore core;
        private final RealtimeClock realtime;
        private final MonotonicClock monotonic;
        private final UdpCounters counters;
        private final ByteBuffer request = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private final ByteBuffer reply = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private final LoopDeath onDeath;
        private final Thread thread;

        Loop(DatagramChannel channel, ListenAddress bound, NtpServerCore core, RealtimeClock realtime,
             MonotonicClock monotonic, UdpCounters counters, LoopDeath onDeath) {
            this.onDeath = onDeath;
            this.channel = channel;
            this.bound = bound;
            this.core = core;
            this.realtime = realtime;
            this.monotonic = monotonic;
            this.counters = counters;
            this.thread = Thread.ofPlatform().name("ntp-udp " + bound).unstarted(this);
        }

        void start() {
            thread.start();
        }

        void closeChannel() {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("closing {}: {}", bound, e.toString());
            }
        }

        @Override
        public void run() {
            try {
                serve();
            } catch (Throwable t) { // an Error or a bug: a socket nobody reads must not look like a server
                log.error("receive loop on {} died", bound, t);
                closeChannel();
                onDeath.died(bound, t);
            }
        }

        private void serve() {
            while (channel.isOpen()) {
                SocketAddress client;
                long received;
                long arrival;
                request.clear();
                try {
                    client = channel.receive(request);
                    received = realtime.now().epochNanos();
                    arrival = monotonic.now().nanos();
                } catch (ClosedChannelException e) {
                    return; // closed by close(): the normal way out
                } catch (IOException e) {
                    if (counters.receiveFailures.sum() == 0) {
                        log.warn("receive on {} failed: {} (further failures only counted)", bound, e.toString());
                    }
                    counters.receiveFailures.increment();
                    continue;
                }
                counters.received.increment();
                request.flip();
                reply.clear();
                ServerAction action;
                try {
                    action = core.handle(request, ClientKeys.of(client), ClientKeys.isLoopback(client), received,
                            arrival, received, reply);
                    if (action instanceof ServerAction.Respond(int length, boolean restampable) && restampable) {
                        core.restamp(reply, length, realtime.now().epochNanos());
                    }
                } catch (RuntimeException e) {
                    if (counters.handlerFailures.sum() == 0) {
                        log.error("responder failed on a datagram from {} (further failures only counted)", client, e);
                    }
                    counters.handlerFailures.increment();
                    continue;
                }
                if (action instanceof ServerAction.Respond(int length, boolean ignored)) {
                    send(length, client);
                }
            }
        }

        private void send(int length, SocketAddress client) {
            reply.position(0).limit(length);
            counters.replied.increment(); // before the send, so a client that has the reply sees it counted
            try {
                channel.send(reply, client);
            } catch (ClosedChannelException e) {
                // shutting down; the loop ends at its next check
            } catch (IOException e) {
                counters.sendFailures.increment();
            }
        }
    }
}
