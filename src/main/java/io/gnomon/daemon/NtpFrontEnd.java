package io.gnomon.daemon;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.NtpExchange;
import io.gnomon.adapter.udp.NtpServer;
import io.gnomon.adapter.udp.NtpSocketPath;
import io.gnomon.adapter.udp.linux.RateLimitedAnswers;
import io.gnomon.adapter.udp.linux.SocketPathSettings;
import io.gnomon.adapter.udp.linux.SocketPaths;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.ServedClock;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The NTP side of every composition: measures the served clock's precision, warms the reply path, binds the
 * sockets and answers from a {@link ReferenceSource} and a {@link ServedClock}. Remembers why it should stop.
 */
public final class NtpFrontEnd {
    private final NtpServer server;
    private final NtpResponder responder;
    private final int precision;
    private final RecentClients clients;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private NtpFrontEnd(NtpServer server, NtpResponder responder, int precision, RecentClients clients) {
        this.server = server;
        this.responder = responder;
        this.precision = precision;
        this.clients = clients;
    }

    static NtpFrontEnd start(List<ListenAddress> listen, ReferenceSource reference, ServedClock served,
                             SocketPathSettings socket) throws ListenException {
        int precision = ServedClockPrecision.measure(served);
        Warmup.run(precision, reference, served, SystemClocks.REALTIME);
        NtpResponder responder = new NtpResponder(precision, new ServerCounters());
        RecentClients clients = RecentClients.tenMinutes(new SecureRandom().nextLong());
        NtpExchange exchange = new NtpExchange(responder::handle, responder::handle, reference, served, clients);
        int kissPoll = 64 - Long.numberOfLeadingZeros(
                Math.max(1, socket.linux().rateLimit().averageIntervalNanos() / 1_000_000_000L) - 1);
        // the Linux batch path where it works, else the portable one; logs which and why
        NtpSocketPath sockets = SocketPaths.choose(socket, RateLimitedAnswers.of(responder, kissPoll),
                SystemClocks.REALTIME);
        AtomicReference<NtpFrontEnd> self = new AtomicReference<>();
        AtomicReference<Throwable> early = new AtomicReference<>();
        NtpServer server = sockets.start(listen, exchange, (where, why) -> {
            NtpFrontEnd f = self.get();
            if (f == null) {
                early.compareAndSet(null, why);
            } else {
                f.requestStop(why);
            }
        });
        NtpFrontEnd frontEnd = new NtpFrontEnd(server, responder, precision, clients);
        self.set(frontEnd);
        if (early.get() != null) {
            frontEnd.requestStop(early.get());
        }
        return frontEnd;
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
        return responder.counters();
    }

    /** Distinct clients in the last 10 minutes; advances the window to {@code now} (the status publisher calls it). */
    RecentClients.Count clients(MonotonicTime now) {
        return clients.estimate(now);
    }

    /** The rate limiter's table occupancy, for the status snapshot. */
    io.gnomon.status.StatusSnapshot.RateLimiterTable rateTable() {
        NtpServer.RateTable t = server.rateTable();
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
            ServerCounters.Snapshot ntp = responder.counters().snapshot();
            return "requests=" + ntp.requests() + " replies=" + ntp.replies() + " dropped=" + ntp.totalDropped()
                    + " " + server.counters();
        } finally {
            stopRequested.countDown();
        }
    }
}
