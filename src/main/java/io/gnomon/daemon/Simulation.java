package io.gnomon.daemon;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.http.HttpListenException;
import io.gnomon.adapter.state.FrequencyStore;
import io.gnomon.adapter.state.LeapSecondsAtStart;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.UdpCounters;
import io.gnomon.adapter.udp.linux.SocketPathSettings;
import io.gnomon.drill.LiveDrill;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.sim.SimulatedReference;
import io.gnomon.status.BuildInfo;
import io.gnomon.status.ReferenceStatusMapping;
import io.gnomon.status.SimulationStatus;
import io.gnomon.time.ServedClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root of {@code gnomon simulate}: the whole server with a simulated reference. */
public final class Simulation implements RunningServer {
    private static final Logger log = LoggerFactory.getLogger("gnomon.simulate");

    /** What {@code gnomon simulate} was asked for. */
    public record Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                    long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                    java.nio.file.Path stateFile, StatusHttp http, SocketPathSettings socket, LiveDrill.Plan drill) {
        public Settings {
            listen = List.copyOf(listen);
            if (drill != null && hostFollowing) {
                throw new IllegalArgumentException("a drill needs the simulated GPS and PPS, not the host-following reference");
            }
        }

        public Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                 long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                 java.nio.file.Path stateFile, StatusHttp http, SocketPathSettings socket) {
            this(listen, synchronised, leap, hostFollowing, gpsUnpluggedAfterSeconds, holdoverLimitSeconds, leapSeconds,
                    stateFile, http, socket, null);
        }

        Settings withDrill(LiveDrill.Plan plan) {
            return new Settings(listen, synchronised, leap, hostFollowing, gpsUnpluggedAfterSeconds, holdoverLimitSeconds,
                    leapSeconds, stateFile, http, socket, plan);
        }

        public Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap) {
            this(listen, synchronised, leap, true, -1, 10e-3, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null);
        }

        public Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, SocketPathSettings socket) {
            this(listen, synchronised, leap, true, -1, 10e-3, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null,
                    StatusHttp.NONE, socket);
        }

        public Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
                 long gpsUnpluggedAfterSeconds, double holdoverLimitSeconds, java.nio.file.Path leapSeconds,
                 java.nio.file.Path stateFile) {
            this(listen, synchronised, leap, hostFollowing, gpsUnpluggedAfterSeconds, holdoverLimitSeconds, leapSeconds,
                    stateFile, StatusHttp.NONE);
        }

        public Settings(List<ListenAddress> listen, boolean synchronised, LeapIndicator leap, boolean hostFollowing,
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
    private final LiveDrill drill; // null: no drill

    private Simulation(NtpFrontEnd frontEnd, io.gnomon.sim.SimulatedAppliance devices, FrequencyStore store,
                       StatusSurfaces status, LiveDrill drill) {
        this.frontEnd = frontEnd;
        this.devices = devices;
        this.store = store;
        this.status = status;
        this.drill = drill;
    }

    /** Binds the sockets and starts answering; logs one line saying where and with what reference. */
    public static Simulation start(Settings settings) throws ListenException, HttpListenException {
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
        LiveDrill[] drill = {null};
        java.util.function.LongFunction<io.gnomon.status.StatusSnapshot> plain = devices == null
                ? second -> SimulationStatus.of(build, startSecond, second, reference.current(),
                        frontEnd.responderCounters().snapshot(), frontEnd.clients(SystemClocks.MONOTONIC.now()))
                        .withRateLimiter(frontEnd.rateTable())
                : second -> ReferenceStatusMapping.of(build, startSecond, second, devices.status(),
                        SystemClocks.MONOTONIC.now(), reference.current(), leapsForStatus,
                        frontEnd.responderCounters().snapshot(), frontEnd.clients(SystemClocks.MONOTONIC.now()),
                        ReferenceStatusMapping.Devices.simulated(devices.lastEpoch(), devices.lastSky()))
                        .withRateLimiter(frontEnd.rateTable());
        java.util.function.LongFunction<io.gnomon.status.StatusSnapshot> source = second -> {
            io.gnomon.status.StatusSnapshot snap = plain.apply(second);
            LiveDrill running = drill[0];
            return running == null ? snap : snap.withDrill(running.current());
        };
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
        if (settings.drill() != null) {
            drill[0] = LiveDrill.start(settings.drill(), appliance::inject, SystemClocks.MONOTONIC);
        }
        return new Simulation(frontEnd, appliance, store, status, drill[0]);
    }

    @Override
    public NtpFrontEnd frontEnd() {
        return frontEnd;
    }

    UdpCounters counters() {
        return frontEnd.counters();
    }

    /** The live drill this simulation runs, if any. */
    public Optional<LiveDrill> drill() {
        return Optional.ofNullable(drill);
    }

    /** The status surfaces (feed, and the HTTP server when one was asked for). */
    public StatusSurfaces status() {
        return status;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (drill != null) {
            drill.close();
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
