package io.gnomon.app;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.http.HttpListenException;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.linux.SocketPathSettings;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.time.ServedClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root of {@code gnomon simulate}: the whole server with a simulated reference. */
final class Simulation implements RunningServer {
    private static final Logger log = LoggerFactory.getLogger("gnomon.simulate");

    /** What {@code gnomon simulate} was asked for. */
    record Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                    long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                    java.nio.file.Path stateFile, StatusHttp http, SocketPathSettings socket) {
        Settings {
            listen = List.copyOf(listen);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap) {
            this(listen, synchronised, leap, true, -1, 10e-3, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, SocketPathSettings socket) {
            this(listen, synchronised, leap, true, -1, 10e-3, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null,
                    StatusHttp.NONE, socket);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                 long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                 java.nio.file.Path stateFile) {
            this(listen, synchronised, leap, hostFollowing, gpsUnpluggedAfterSeconds, holdoverLimitSeconds, leapSeconds,
                    stateFile, StatusHttp.NONE);
        }

        Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                 long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                 java.nio.file.Path stateFile, StatusHttp http) {
            this(listen, synchronised, leap, hostFollowing, gpsUnpluggedAfterSeconds, holdoverLimitSeconds, leapSeconds,
                    stateFile, http, SocketPathSettings.standard());
        }
    }

    private final NtpFrontEnd frontEnd;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final io.gnomon.sim.SimulatedAppliance devices; // null with the host-following reference
    private final FrequencyStore store; // null: no state file
    private final StatusSurfaces status;

    private Simulation(NtpFrontEnd frontEnd, io.gnomon.sim.SimulatedAppliance devices, FrequencyStore store,
                       StatusSurfaces status) {
        this.frontEnd = frontEnd;
        this.devices = devices;
        this.store = store;
        this.status = status;
    }

    /** Binds the sockets and starts answering; logs one line saying where and with what reference. */
    static Simulation start(Settings settings) throws ListenException, HttpListenException {
        ServedClock served;
        ReferenceSource reference;
        String describe;
        io.gnomon.sim.SimulatedAppliance appliance = null;
        io.gnomon.refclock.LeapSecondTable leapTable = null;
        FrequencyStore store = null;
        if (settings.hostFollowing()) {
            served = new HostServedClock(SystemClocks.REALTIME);
            SimulatedReference simulated = new SimulatedReference(served, settings.synchronised(), settings.leap());
            reference = simulated;
            describe = simulated.describe();
        } else {
            io.gnomon.refclock.LeapSecondTable leaps = LeapSecondsAtStart.load(settings.leapSeconds(), SystemClocks.REALTIME, log);
            Optional<Double> saved = Optional.empty();
            if (settings.stateFile() != null) {
                store = new FrequencyStore(settings.stateFile(), SystemClocks.REALTIME, log);
                saved = store.read();
            }
            leapTable = leaps;
            appliance = new io.gnomon.sim.SimulatedAppliance(leaps, SystemClocks.MONOTONIC, SystemClocks.REALTIME,
                    1, settings.gpsUnpluggedAfterSeconds(), settings.holdoverLimitSeconds(), saved,
                    change -> log.info("reference: {}", change.logLine())).start();
            served = appliance.served();
            reference = appliance.reference();
            describe = "simulated GPS (u-blox, 100 ms) + PPS (σ 1 µs) through the real NMEA, labelling and clock model"
                    + (settings.gpsUnpluggedAfterSeconds() >= 0 ? ", GPS unplugged after " + settings.gpsUnpluggedAfterSeconds() + " s" : "");
        }
        NtpFrontEnd frontEnd = NtpFrontEnd.start(settings.listen(), reference, served, settings.socket());
        String line = frontEnd.describe() + "; " + describe + "; precision 2^" + frontEnd.precision() + " s";
        BuildInfo build = BuildInfo.load();
        long startSecond = served.now().epochSecond();
        ServedClock statusClock = served;
        io.gnomon.sim.SimulatedAppliance devices = appliance;
        io.gnomon.refclock.LeapSecondTable leapsForStatus = leapTable;
        java.util.function.LongFunction<io.gnomon.status.StatusSnapshot> source = devices == null
                ? second -> SimulationStatus.of(build, startSecond, second, reference.current(),
                        frontEnd.responderCounters().snapshot()).withRateLimiter(frontEnd.rateTable())
                : second -> ReferenceStatusMapping.of(build, startSecond, second, devices.status(),
                        SystemClocks.MONOTONIC.now(), reference.current(), leapsForStatus,
                        frontEnd.responderCounters().snapshot(),
                        ReferenceStatusMapping.Devices.simulated(devices.lastEpoch(), devices.lastSky()))
                        .withRateLimiter(frontEnd.rateTable());
        StatusSurfaces status;
        try {
            status = StatusSurfaces.start(settings.http(), source, () -> statusClock.now().epochSecond(),
                    devices == null);
        } catch (HttpListenException e) {
            frontEnd.close();
            if (appliance != null) {
                appliance.close();
            }
            throw e;
        }
        log.info(line); // last: once it is logged, everything (NTP, status, HTTP) is up
        return new Simulation(frontEnd, appliance, store, status);
    }

    @Override
    public List<ListenAddress> listening() {
        return frontEnd.listening();
    }

    UdpCounters counters() {
        return frontEnd.counters();
    }

    /** The status surfaces (feed, and the HTTP server when one was asked for). */
    StatusSurfaces status() {
        return status;
    }

    /**
     * Blocks until the simulation should stop: {@link #close()} was called (a signal's shutdown hook) or a
     * receive loop died. The caller then closes it.
     *
     * @return why a receive loop died, or empty for an ordinary stop
     */
    @Override
    public Optional<Throwable> awaitStopRequest() throws InterruptedException {
        return frontEnd.awaitStopRequest();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        status.close();
        if (devices != null) {
            devices.close();
            if (store != null) {
                store.save(devices.frequencyToSave());
            }
        }
        log.info("stopped; {}", frontEnd.close());
    }
}
