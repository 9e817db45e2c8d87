package io.gnomon.daemon;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.adapter.udp.UdpServer;
import io.gnomon.adapter.udp.linux.SocketPathSettings;
import io.gnomon.adapter.udp.linux.SocketPaths;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.ntp.ServerPolicy;
import io.gnomon.ntp.ServingSource;
import io.gnomon.ntp.ServingState;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.ServedClock;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The NTP side of every composition: measures the served clock's precision, warms the reply path, builds the
 * {@link NtpServer} (the policy: precision, rate limits, authentication) that answers from a
 * {@link ReferenceSource} and a {@link ServedClock}, and starts the chosen socket path through it. Remembers why
 * it should stop.
 */
public final class NtpFrontEnd {
    private final UdpServer server;
    private final NtpServer ntp;
    private final int precision;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private NtpFrontEnd(UdpServer server, NtpServer ntp, int precision) {
        this.server = server;
        this.ntp = ntp;
        this.precision = precision;
    }

    static NtpFrontEnd start(List<ListenAddress> listen, ReferenceSource reference, ServedClock served,
                             SocketPathSettings socket) throws ListenException {
        int precision = ServedClockPrecision.measure(served);
        Warmup.run(precision, serving(reference, served), SystemClocks.REALTIME);
        SecureRandom random = new SecureRandom();
        NtpServer ntp = new NtpServer(ServerPolicy.of(precision, socket.rateLimit()),
                serving(reference, served), new ServerCounters(), RecentClients.tenMinutes(random.nextLong()),
                random::nextLong);
        // the Linux batch path where it works, else the portable one; logs which and why
        UdpServer.Starter sockets = SocketPaths.choose(socket, SystemClocks.REALTIME, SystemClocks.MONOTONIC);
        AtomicReference<NtpFrontEnd> self = new AtomicReference<>();
        AtomicReference<Throwable> early = new AtomicReference<>();
        UdpServer server = sockets.start(listen, ntp, (where, why) -> {
            NtpFrontEnd f = self.get();
            if (f == null) {
                early.compareAndSet(null, why);
            } else {
                f.requestStop(why);
            }
        });
        NtpFrontEnd frontEnd = new NtpFrontEnd(server, ntp, precision);
        self.set(frontEnd);
        if (early.get() != null) {
            frontEnd.requestStop(early.get());
        }
        return frontEnd;
    }

    /**
     * Today's two separately updated parts as one {@link ServingSource} (each read goes to both as they are then;
     * the timekeeper's published value replaces this).
     */
    static ServingSource serving(ReferenceSource reference, ServedClock served) {
        ServingState parts = new ServingState() {
            @Override
            public ReferenceSnapshot snapshot() {
                return reference.current();
            }

            @Override
            public long servedUtcNanos(long realtimeNanos) {
                return served.fromRealtimeNanos(realtimeNanos);
            }
        };
        return () -> parts;
    }

    private void requestStop(Throwable why) {
        failure.compareAndSet(null, why);
        stopRequested.countDown();
    }

    /** "NTP on ADDRESSES" for the start line. */
    String describe() {
        return "NTP on " + server.listening().stream().map(ListenAddress::toString).collect(Collectors.joining(", "));
    }

    ServerCounters responderCounters() {
        return ntp.counters();
    }

    /** Distinct clients in the last 10 minutes; advances the window to {@code now} (the status publisher calls it). */
    RecentClients.Count clients(MonotonicTime now) {
        return ntp.clients().estimate(now);
    }

    /** The rate limiter's table occupancy, for the status snapshot. */
    io.gnomon.status.StatusSnapshot.RateLimiterTable rateTable() {
        NtpServer.RateTable t = ntp.rateTable();
        return new io.gnomon.status.StatusSnapshot.RateLimiterTable(t.entries(), t.capacity());
    }

    int precision() {
        return precision;
    }

    List<ListenAddress> listening() {
        return server.listening();
    }

    UdpCounters counters() {
        return server.counters();
    }

    /** Blocks until {@link #close()} or a dead receive loop; returns why the loop died, or empty. */
    Optional<Throwable> awaitStopRequest() throws InterruptedException {
        stopRequested.await();
        return Optional.ofNullable(failure.get());
    }

    /** Closes the sockets and returns the closing counters line. */
    String close() {
        try {
            server.close();
            ServerCounters.Snapshot c = ntp.counters().snapshot();
            return "requests=" + c.requests() + " replies=" + c.replies() + " dropped=" + c.totalDropped()
                    + " " + server.counters();
        } finally {
            stopRequested.countDown();
        }
    }
}
