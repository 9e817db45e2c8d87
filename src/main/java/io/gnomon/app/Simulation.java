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
import io.gnomon.adapter.udp.NtpSocketPath;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.time.ServedClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    private final CountDownLatch stopRequested;
    private final AtomicReference<Throwable> failure;
    private final AtomicBoolean closing = new AtomicBoolean();

    private Simulation(NtpServer server, NtpResponder responder, CountDownLatch stopRequested,
                       AtomicReference<Throwable> failure) {
        this.server = server;
        this.responder = responder;
        this.stopRequested = stopRequested;
        this.failure = failure;
    }

    /** Binds the sockets and starts answering; logs one line saying where and with what reference. */
    static Simulation start(Settings settings) throws ListenException {
        ServedClock served = new HostServedClock(SystemClocks.REALTIME);
        SimulatedReference simulated = new SimulatedReference(served, settings.synchronised(), settings.leap());
        ReferenceSource reference = simulated; // the reference-clock work swaps in simulated GPS + PPS here
        int precision = ServedClockPrecision.measure(served);
        Warmup.run(precision, reference, served, SystemClocks.REALTIME);
        NtpResponder responder = new NtpResponder(precision, new ServerCounters());
        NtpExchange exchange = new NtpExchange(responder::handle, reference, served);
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int kissPoll = 64 - Long.numberOfLeadingZeros(
                Math.max(1, settings.socket().linux().rateLimit().averageIntervalNanos() / 1_000_000_000L) - 1);
        // the Linux batch path where it works, else the portable one; logs which and why
        NtpSocketPath sockets = SocketPaths.choose(settings.socket(), RateLimitedAnswers.of(responder, kissPoll),
                SystemClocks.REALTIME);
        NtpServer server = sockets.start(settings.listen(), exchange,
                (where, why) -> {
                    failure.compareAndSet(null, why);
                    stopRequested.countDown();
                });
        String line = "NTP on "
                + server.listening().stream().map(ListenAddress::toString).collect(Collectors.joining(", "))
                + "; " + simulated.describe() + "; precision 2^" + precision + " s";
        log.info(line);
        return new Simulation(server, responder, stopRequested, failure);
    }

    List<ListenAddress> listening() {
        return server.listening();
    }

    UdpCounters counters() {
        return server.counters();
    }

    /**
     * Blocks until the simulation should stop: {@link #close()} was called (a signal's shutdown hook) or a
     * receive loop died. The caller then closes it.
     *
     * @return why a receive loop died, or empty for an ordinary stop
     */
    Optional<Throwable> awaitStopRequest() throws InterruptedException {
        stopRequested.await();
        return Optional.ofNullable(failure.get());
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
            stopRequested.countDown();
        }
    }
}
