package io.gnomon.app;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.NtpExchange;
import io.gnomon.adapter.udp.NtpServer;
import io.gnomon.adapter.udp.NtpSocketPath;
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
    record Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                    long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                    java.nio.file.Path stateFile) {
        Settings {
            listen = List.copyOf(listen);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap) {
            this(listen, synchronised, leap, true, -1, 10e-3, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null);
        }
    }

    private final NtpServer server;
    private final NtpResponder responder;
    private final CountDownLatch stopRequested;
    private final AtomicReference<Throwable> failure;
    private final AtomicBoolean closing = new AtomicBoolean();
    private io.gnomon.sim.SimulatedAppliance devices; // null with the host-following reference
    private java.nio.file.Path stateFile; // null: no state file

    private Simulation(NtpServer server, NtpResponder responder, CountDownLatch stopRequested,
                       AtomicReference<Throwable> failure) {
        this.server = server;
        this.responder = responder;
        this.stopRequested = stopRequested;
        this.failure = failure;
    }

    /** Binds the sockets and starts answering; logs one line saying where and with what reference. */
    static Simulation start(Settings settings) throws ListenException {
        ServedClock served;
        ReferenceSource reference;
        String describe;
        io.gnomon.sim.SimulatedAppliance appliance = null;
        if (settings.hostFollowing()) {
            served = new HostServedClock(SystemClocks.REALTIME);
            SimulatedReference simulated = new SimulatedReference(served, settings.synchronised(), settings.leap());
            reference = simulated;
            describe = simulated.describe();
        } else {
            io.gnomon.refclock.LeapSecondTable leaps = switch (io.gnomon.adapter.state.LeapSecondFile.read(settings.leapSeconds())) {
                case io.gnomon.refclock.LeapSecondTable.Parsed.Table t -> t.table();
                case io.gnomon.refclock.LeapSecondTable.Parsed.Rejected r -> {
                    log.warn("leap-seconds.list not used ({}): leap seconds unknown", r.reason());
                    yield io.gnomon.refclock.LeapSecondTable.empty();
                }
            };
            leaps.expires().filter(e -> leaps.isExpiredAt(new io.gnomon.time.UtcTime(SystemClocks.REALTIME.now().epochNanos())))
                    .ifPresent(e -> log.warn("leap-seconds.list expired on {}: update tzdata", e));
            Optional<Double> saved = Optional.empty();
            if (settings.stateFile() != null) {
                saved = new io.gnomon.adapter.state.StateFile(settings.stateFile()).read().map(io.gnomon.discipline.FrequencyState::frequency);
                saved.ifPresent(f -> log.info("saved frequency {} ppm from {}", String.format(java.util.Locale.ROOT, "%.3f", f * 1e6), settings.stateFile()));
            }
            appliance = new io.gnomon.sim.SimulatedAppliance(leaps, SystemClocks.MONOTONIC, SystemClocks.REALTIME,
                    1, settings.gpsUnpluggedAfterSeconds(), settings.holdoverLimitSeconds(), saved,
                    change -> log.info("reference: {}", change.logLine())).start();
            served = appliance.served();
            reference = appliance.reference();
            describe = "simulated GPS (u-blox, 100 ms) + PPS (σ 1 µs) through the real NMEA, labelling and clock model"
                    + (settings.gpsUnpluggedAfterSeconds() >= 0 ? ", GPS unplugged after " + settings.gpsUnpluggedAfterSeconds() + " s" : "");
        }
        int precision = ServedClockPrecision.measure(served);
        Warmup.run(precision, reference, served, SystemClocks.REALTIME);
        NtpResponder responder = new NtpResponder(precision, new ServerCounters());
        NtpExchange exchange = new NtpExchange(responder::handle, reference, served);
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        NtpSocketPath sockets = PortableUdpServer.path(SystemClocks.REALTIME); // a Linux batch path goes here
        NtpServer server = sockets.start(settings.listen(), exchange,
                (where, why) -> {
                    failure.compareAndSet(null, why);
                    stopRequested.countDown();
                });
        String line = "NTP on "
                + server.listening().stream().map(ListenAddress::toString).collect(Collectors.joining(", "))
                + "; " + describe + "; precision 2^" + precision + " s";
        log.info(line);
        Simulation simulation = new Simulation(server, responder, stopRequested, failure);
        simulation.devices = appliance;
        simulation.stateFile = settings.stateFile();
        return simulation;
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

    private void saveFrequency() {
        if (stateFile == null) {
            return;
        }
        devices.frequencyToSave().ifPresent(f -> {
            try {
                new io.gnomon.adapter.state.StateFile(stateFile).write(new io.gnomon.discipline.FrequencyState(f,
                        new io.gnomon.time.UtcTime(SystemClocks.REALTIME.now().epochNanos())));
                log.info("frequency {} ppm saved to {}", String.format(java.util.Locale.ROOT, "%.3f", f * 1e6), stateFile);
            } catch (java.io.IOException e) {
                log.warn("cannot save the frequency to {}: {}", stateFile, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (devices != null) {
                devices.close();
                saveFrequency();
            }
            server.close();
            ServerCounters.Snapshot ntp = responder.counters().snapshot();
            log.info("stopped; requests={} replies={} dropped={} {}", ntp.requests(), ntp.replies(),
                    ntp.totalDropped(), server.counters());
        } finally {
            stopRequested.countDown();
        }
    }
}
