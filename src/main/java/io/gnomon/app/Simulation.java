package io.gnomon.app;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.NtpExchange;
import io.gnomon.adapter.udp.NtpServer;
import io.gnomon.adapter.udp.linux.RateLimitedAnswers;
import io.gnomon.adapter.udp.linux.SocketPathSettings;
import io.gnomon.adapter.udp.linux.SocketPaths;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.time.ServedClock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root of {@code gnomon simulate}: the whole server with a simulated reference. */
final class Simulation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("gnomon.simulate");

    /** What {@code gnomon simulate} was asked for. */
    record Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, SocketPathSettings socket) {
        Settings {
            listen = List.copyOf(listen);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap) {
            this(listen, synchronised, leap, SocketPathSettings.standard());
        }
    }

    private final NtpServer server;
    private final NtpResponder responder;
    private final String startLine;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private Simulation(NtpServer server, NtpResponder responder, String startLine) {
        this.server = server;
        this.responder = responder;
        this.startLine = startLine;
    }

    /** Binds the sockets and starts answering; logs one line saying where and with what reference. */
    static Simulation start(Settings settings) throws ListenException {
        ServedClock served = new HostServedClock(SystemClocks.REALTIME);
        SimulatedReference simulated = new SimulatedReference(served, settings.synchronised(), settings.leap());
        ReferenceSource reference = simulated; // the reference-clock work swaps in simulated GPS + PPS here
        int precision = ServedClockPrecision.measure(served);
        NtpResponder responder = new NtpResponder(precision, new ServerCounters());
        NtpExchange exchange = new NtpExchange(responder::handle, reference, served);
        int kissPoll = 64 - Long.numberOfLeadingZeros(
                Math.max(1, settings.socket().linux().rateLimit().averageIntervalNanos() / 1_000_000_000L) - 1);
        SocketPaths.Started started = SocketPaths.start(settings.socket(), settings.listen(), exchange,
                RateLimitedAnswers.of(responder, kissPoll), SystemClocks.REALTIME);
        NtpServer server = started.server(); // SocketPaths logged which path runs and why
        String line = "NTP on "
                + server.listening().stream().map(ListenAddress::toString).collect(Collectors.joining(", "))
                + "; " + simulated.describe() + "; precision 2^" + precision + " s";
        log.info(line);
        return new Simulation(server, responder, line);
    }

    List<ListenAddress> listening() {
        return server.listening();
    }

    UdpCounters counters() {
        return server.counters();
    }

    ServerCounters.Snapshot ntpCounters() {
        return responder.counters().snapshot();
    }

    String startLine() {
        return startLine;
    }

    /** Blocks until {@link #close()} has finished (from a signal's shutdown hook or another thread). */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            ServerCounters.Snapshot ntp = responder.counters().snapshot();
            log.info("stopped; requests={} replies={} dropped={} {}", ntp.requests(), ntp.replies(),
                    ntp.totalDropped(), server.counters());
        } finally {
            closed.countDown();
        }
    }
}
