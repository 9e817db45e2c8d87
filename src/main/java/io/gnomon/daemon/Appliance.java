package io.gnomon.daemon;

import io.gnomon.adapter.clock.HostClockDomains;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.http.HttpListenException;
import io.gnomon.adapter.pps.PpsDeviceName;
import io.gnomon.adapter.pps.PpsPump;
import io.gnomon.adapter.pps.PpsSources;
import io.gnomon.adapter.serial.SerialLinkSettings;
import io.gnomon.adapter.serial.SerialReceiverLink;
import io.gnomon.adapter.state.FrequencyStore;
import io.gnomon.adapter.state.LeapSecondFile;
import io.gnomon.adapter.state.LeapSecondsAtStart;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.config.GnomonConfig;
import io.gnomon.config.PpsSetting;
import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelDiscipline;
import io.gnomon.drill.DrillSteps;
import io.gnomon.drill.LiveDrill;
import io.gnomon.fault.DrillInjection;
import io.gnomon.fault.PpsFaultInjector;
import io.gnomon.fault.SerialFaultInjector;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.pps.PpsEdge;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.refclock.StateChange;
import io.gnomon.status.BuildInfo;
import io.gnomon.status.ReferenceStatusMapping;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.UtcTime;
import io.gnomon.timekeeper.ServedView;
import io.gnomon.timekeeper.Timekeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the real appliance ({@code gnomon run} with {@code reference gps}): the receiver's serial
 * port and the PPS device feed one {@link Timekeeper}, whose serving value the NTP server answers from.
 *
 * <p>Threads: the serial reader, the PPS reader and one timer thread, all feeding one {@link Timekeeper} (which
 * serialises them); the timer closes quiet
 * receiver cycles (so an epoch is emitted ~300 ms after its last sentence, not when the next cycle starts), ticks
 * the reference clock once a second (timeouts, holdover) and saves the frequency now and then.
 */
public final class Appliance implements RunningServer {
    private static final Logger log = LoggerFactory.getLogger("gnomon");
    static final String STATE_FILE_NAME = "frequency";
    /**
     * How often the receiver's cycle is closed when quiet and the host clock checked for a step by another process:
     * one timer wake-up for both (a separate 10 ms watch cost 1.5 % of a core on the timer thread of a busy VM).
     */
    static final long FREQUENT_CHECK_MILLIS = 100;

    /**
     * Settings that are not (yet) configuration directives.
     *
     * @param holdoverLimitSeconds error bound past which the server says it is unsynchronised (leap indicator 3)
     * @param stateSaveInterval    how often the frequency is saved while running (and always at stop)
     */
    public record Tuning(Path leapSeconds, double holdoverLimitSeconds, Duration stateSaveInterval,
                  Optional<KernelClock> kernelClock) {
        public static Tuning defaults() {
            return new Tuning(LeapSecondFile.DEFAULT, 10e-3, Duration.ofMinutes(10), Optional.empty());
        }

        public Tuning withHoldoverLimit(double seconds) {
            return new Tuning(leapSeconds, seconds, stateSaveInterval, kernelClock);
        }

        /** clock-discipline kernel: the host clock is steered through this (opened by the caller). */
        public Tuning withKernelClock(KernelClock clock) {
            return new Tuning(leapSeconds, holdoverLimitSeconds, stateSaveInterval, Optional.of(clock));
        }
    }

    private final MonotonicClock mono = SystemClocks.MONOTONIC;
    private final Timekeeper timekeeper;
    private final ServedView served;
    private final FrequencyStore store;
    private final AtomicBoolean closing = new AtomicBoolean();
    private NtpFrontEnd frontEnd;
    private SerialReceiverLink serial;
    private PpsPump pps;
    private ScheduledExecutorService timer;
    private final LeapSecondTable leaps;
    private StatusSurfaces status;
    private String lastKernelFailure;
    private volatile String serialState = "not opened yet";
    private volatile DrillInjection injection = DrillInjection.NONE;
    private volatile LiveDrill drill;
    private final String serialDevice;
    private final String ppsDevice;

    private Appliance(GnomonConfig config, Tuning tuning) {
        leaps = LeapSecondsAtStart.load(tuning.leapSeconds(), SystemClocks.REALTIME, log);
        store = new FrequencyStore(Path.of(config.stateDirectory()).resolve(STATE_FILE_NAME), SystemClocks.REALTIME, log);
        LocalDate built = BuildInfo.load().buildDate();
        timekeeper = new Timekeeper(ReferenceConfig.defaults(labeller(config, built))
                .withHoldoverLimit(tuning.holdoverLimitSeconds()), leaps, new HostClockDomains(),
                savedFrequency(store.read(), tuning.kernelClock()), built, UnaryOperator.identity(),
                tuning.kernelClock().map(k -> new Timekeeper.Steering(k, KernelDiscipline.Settings.defaults())));
        served = new ServedView(SystemClocks.REALTIME, timekeeper);
        serialDevice = config.serialDevice().orElse(null);
        ppsDevice = config.pps() instanceof PpsSetting.None ? null : config.pps().directiveArguments();
    }

    /** Edges are labelled within the HAT's NMEA delay class; receiver dates before the build date are refused. */
    static LabellerConfig labeller(GnomonConfig config, LocalDate built) {
        LabellerConfig d = LabellerConfig.defaults(UtcTime.ofEpochSecond(built.toEpochDay() * 86_400L));
        long maxDelay = config.nmeaDelayClass().maxDelayMillis() * 1_000_000L;
        return new LabellerConfig(d.sendsBeforeEdge(), d.minDelayNanos(), maxDelay, d.maxSpreadNanos(), d.window(),
                d.verifyCount(), d.earliestPlausible(), d.maxUnconfirmedSeconds());
    }

    /**
     * Binds the sockets (answering leap indicator 3 until the reference earns better), then opens the receiver
     * and the PPS device. A missing device is not fatal: its adapter logs one line and keeps retrying.
     */
    public static Appliance start(GnomonConfig config, List<ListenAddress> listen, Tuning tuning) throws ListenException {
        try {
            return start(config, listen, tuning, StatusHttp.NONE);
        } catch (HttpListenException e) {
            throw new IllegalStateException("no HTTP surface was asked for", e);
        }
    }

    /** As above, with the status surfaces (status feed, and HTTP where {@code http} says). */
    public static Appliance start(GnomonConfig config, List<ListenAddress> listen, Tuning tuning, StatusHttp http)
            throws ListenException, HttpListenException {
        String device = config.serialDevice().orElseThrow(
                () -> new IllegalArgumentException("reference gps needs a serial device (serial-device or hat)"));
        Appliance a = new Appliance(config, tuning);
        try {
            a.timekeeper.startSteering().forEach(n -> log.info("{}", n));
        } catch (KernelClockException e) {
            throw new IllegalStateException("the kernel clock could not be read: " + e.getMessage(), e);
        }
        a.frontEnd = NtpFrontEnd.start(listen, a.timekeeper, a.served,
                io.gnomon.adapter.udp.linux.SocketPathSettings.standard()); // the same selection as Simulation
        // drill injectors at the adapter boundary: they pass everything until a drill says otherwise
        SerialFaultInjector serialBoundary = new SerialFaultInjector((data, off, len, arrival) ->
                a.logChanges(a.timekeeper.acceptBytes(data, off, len, arrival, a.mono.now())), () -> a.injection.serial());
        PpsFaultInjector ppsBoundary = new PpsFaultInjector(a::onEdge, () -> a.injection.ppsLost());
        a.serial = SerialReceiverLink.onThisHost(SerialLinkSettings.of(device, config.serialBaud()), serialBoundary,
                state -> a.serialState = state.describe(), a.mono); // the link logs each change itself
        a.serial.start();
        a.pps = ppsSource(config.pps(), a.mono).map(name -> new PpsPump(PpsSources.open(name, a.mono), ppsBoundary,
                Duration.ofMillis(500), Duration.ofSeconds(1)).start()).orElse(null);
        a.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gnomon-reference-timer")
                .daemon().factory());
        a.timer.scheduleWithFixedDelay(a.guarded(a::frequentChecks), FREQUENT_CHECK_MILLIS, FREQUENT_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        a.timer.scheduleAtFixedRate(a.guarded(a::tick), 1, 1, TimeUnit.SECONDS);
        try {
            a.status = a.startStatus(http);
        } catch (HttpListenException e) {
            a.close();
            throw e;
        }
        long save = tuning.stateSaveInterval().toMillis();
        a.timer.scheduleAtFixedRate(a.guarded(a::saveFrequency), save, save, TimeUnit.MILLISECONDS);
        log.info("{}; GPS on {} at {} baud, pps {}, nmea-delay-class {}; precision 2^{} s", a.frontEnd.describe(),
                device, config.serialBaud(), config.pps().directiveArguments(), config.nmeaDelayClass().keyword(),
                a.frontEnd.precision());
        return a;
    }

    /**
     * Why {@code d} may not run on a real appliance, or empty: only drills that remove inputs (PPS edges withheld,
     * serial bytes dropped) at the adapter boundary, which a real receiver and PPS line can be put through without
     * touching what they send.
     */
    public static Optional<String> notOnRealDevices(io.gnomon.drill.Drill d) {
        Optional<String> notLive = DrillSteps.notLive(d);
        if (notLive.isPresent()) {
            return notLive;
        }
        return DrillSteps.steps(d).stream().filter(s -> !s.injection().onlyRemovesInputs()).findFirst()
                .map(s -> "it needs '" + s.describe() + "', which only the simulated receiver can do; on real devices"
                        + " only input-removing drills run (pps-loss, both-lost, serial-unplugged)");
    }

    /** Runs {@code plan} on this appliance's adapters now; refused unless {@link #notOnRealDevices} is empty. */
    public void startDrill(LiveDrill.Plan plan) {
        notOnRealDevices(plan.drill()).ifPresent(why -> {
            throw new IllegalArgumentException("drill " + plan.drill().name() + " cannot run on real devices: " + why);
        });
        drill = LiveDrill.start(plan, i -> injection = i, mono);
    }

    private StatusSurfaces startStatus(StatusHttp http) throws HttpListenException {
        BuildInfo build = BuildInfo.load();
        long startSecond = served.now().epochSecond();
        return StatusSurfaces.start(http, second -> {
            ReferenceStatus r = timekeeper.status();
            io.gnomon.ntp.ReferenceSnapshot advertised = timekeeper.snapshot();
            LiveDrill running = drill;
            return ReferenceStatusMapping.of(build, startSecond, second, r, mono.now(), advertised, leaps,
                    frontEnd.responderCounters().snapshot(), frontEnd.clients(mono.now()),
                    new ReferenceStatusMapping.Devices(serialDevice,
                            serialState, timekeeper.lastEpoch(), timekeeper.lastSky(), ppsDevice))
                    .withDrill(running == null ? null : running.current())
                    .withRateLimiter(frontEnd.rateTable());
        }, () -> served.now().epochSecond(), false);
    }

    private static Optional<PpsDeviceName> ppsSource(PpsSetting setting, MonotonicClock mono) {
        return switch (setting) {
            case PpsSetting.Kernel k -> Optional.of(PpsDeviceName.parse(k.device()));
            case PpsSetting.Gpio g -> Optional.of(new PpsDeviceName.Gpio(g.chip(), g.line()));
            case PpsSetting.None n -> {
                log.info("no PPS configured: at best NMEA-only time (millisecond accuracy, stratum 1 refid GPS)");
                yield Optional.empty();
            }
        };
    }

    private void onEdge(PpsEdge edge) {
        logChanges(timekeeper.onEdge(edge, mono.now()));
    }

    /**
     * Closes the receiver's cycle once it has been quiet, and checks the host clock: another process stepping
     * CLOCK_REALTIME would otherwise be noticed only at the next edge, epoch or tick (once a second), and replies
     * stamped meanwhile would be in the old scale.
     */
    private void frequentChecks() {
        logChanges(timekeeper.closeCycleIfQuiet(mono.now()));
        logChanges(timekeeper.checkHostClock(mono.now()));
    }

    /** Once a second; with clock-discipline kernel also steers (served time does not depend on it succeeding). */
    private void tick() {
        Timekeeper.Tick t = timekeeper.onTick(mono.now(), SystemClocks.REALTIME.now());
        logChanges(t.changes());
        t.kernelNotes().forEach(n -> log.info("{}", n));
        if (t.kernelFailure().isEmpty()) {
            lastKernelFailure = null;
        } else if (!t.kernelFailure().get().getMessage().equals(lastKernelFailure)) {
            lastKernelFailure = t.kernelFailure().get().getMessage();
            log.warn("kernel clock: {} (served time is not affected; retrying every second)", lastKernelFailure);
        }
    }

    private void logChanges(List<StateChange> changes) {
        changes.forEach(c -> log.info("reference: {}", c.logLine()));
    }

    private void saveFrequency() {
        store.save(timekeeper.frequencyToSave());
    }

    /**
     * The saved frequency as the model will measure it: with clock-discipline kernel the file holds the oscillator's
     * own error, and the kernel's correction as found now is added (it survives a Gnomon restart, not a reboot).
     */
    private static Optional<Double> savedFrequency(Optional<Double> saved, Optional<KernelClock> kernel) {
        if (saved.isEmpty() || kernel.isEmpty()) {
            return saved;
        }
        try {
            double k = kernel.get().read().frequencyPpm() * 1e-6;
            return saved.map(oscillator -> KernelDiscipline.measuredFrequency(oscillator, k));
        } catch (KernelClockException e) {
            log.warn("kernel clock unreadable ({}): the saved frequency is not used", e.getMessage());
            return Optional.empty();
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("reference timer task failed; continuing", e);
            }
        };
    }

    ReferenceStatus status() {
        return timekeeper.status();
    }

    /** Where the HTTP status surface listens, if it does. */
    Optional<java.net.InetSocketAddress> httpAddress() {
        return status == null ? Optional.empty() : status.httpAddress();
    }

    @Override
    public NtpFrontEnd frontEnd() {
        return frontEnd;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LiveDrill running = drill;
        if (running != null) {
            running.close();
        }
        if (status != null) {
            status.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (pps != null) {
            pps.close();
        }
        if (serial != null) {
            serial.close();
        }
        saveFrequency();
        log.info("stopped; reference {}; {}", timekeeper.status().state(), frontEnd.close());
    }
}
