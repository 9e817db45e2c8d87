package io.gnomon.app;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.http.HttpListenException;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.NtpExchange;
import io.gnomon.adapter.udp.NtpServer;
import io.gnomon.adapter.udp.PortableUdpServer;
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
    record Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, StatusHttp http) {
        Settings {
            listen = List.copyOf(listen);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap) {
            this(listen, synchronised, leap, StatusHttp.NONE);
        }
    }

    private final NtpServer server;
    private final NtpResponder responder;
    private final String startLine;
    private final CountDownLatch stopRequested;
    private final AtomicReference<Throwable> failure;
    private final AtomicBoolean closing = new AtomicBoolean();

    private final StatusSurfaces status;

    private Simulation(NtpServer server, NtpResponder responder, String startLine, CountDownLatch stopRequested,
                       AtomicReference<Throwable> failure, StatusSurfaces status) {
        this.status = status;
        this.server = server;
        this.responder = responder;
        this.startLine = startLine;
        this.stopRequested = stopRequested;
        this.failure = failure;
    }

    /** Binds the sockets and starts answering; logs one line saying where and with what reference. */
    static Simulation start(Settings settings) throws ListenException, HttpListenException {
        ServedClock served = new HostServedClock(SystemClocks.REALTIME);
        SimulatedReference simulated = new SimulatedReference(served, settings.synchronised(), settings.leap());
        ReferenceSource reference = simulated; // the reference-clock work swaps in simulated GPS + PPS here
        int precision = ServedClockPrecision.measure(served);
        NtpResponder responder = new NtpResponder(precision, new ServerCounters());
        NtpExchange exchange = new NtpExchange(responder::handle, reference, served);
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        NtpServer server = PortableUdpServer.start(settings.listen(), exchange, SystemClocks.REALTIME,
                (where, why) -> {
                    failure.compareAndSet(null, why);
                    stopRequested.countDown();
                });
        String line = "NTP on "
                + server.listening().stream().map(ListenAddress::toString).collect(Collectors.joining(", "))
                + "; " + simulated.describe() + "; precision 2^" + precision + " s";
        log.info(line);
        BuildInfo build = BuildInfo.load();
        long startSecond = served.now().epochSecond();
        StatusSurfaces status;
        try {
            status = StatusSurfaces.start(settings.http(), second -> SimulationStatus.of(build, startSecond, second,
                    reference.current(), responder.counters().snapshot()), () -> served.now().epochSecond());
        } catch (HttpListenException e) {
            server.close();
            throw e;
        }
        return new Simulation(server, responder, line, stopRequested, failure, status);
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

    /** The status surfaces (feed, and the HTTP server when one was asked for). */
    StatusSurfaces status() {
        return status;
    }

    String startLine() {
        return startLine;
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
            status.close();
            server.close();
            ServerCounters.Snapshot ntp = responder.counters().snapshot();
            log.info("stopped; requests={} replies={} dropped={} {}", ntp.requests(), ntp.replies(),
                    ntp.totalDropped(), server.counters());
        } finally {
            stopRequested.countDown();
        }
    }
}
