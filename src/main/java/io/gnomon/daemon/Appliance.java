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
import io.gnomon.discipline.SoftwareCorrectedClock;
import io.gnomon.drill.DrillSteps;
import io.gnomon.drill.LiveDrill;
import io.gnomon.fault.DrillInjection;
import io.gnomon.fault.PpsFaultInjector;
import io.gnomon.fault.SerialFaultInjector;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.pps.PpsEdge;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.ReferenceClock;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.refclock.StateChange;
import io.gnomon.status.BuildInfo;
import io.gnomon.status.ReferenceStatusMapping;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.UtcTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the real appliance ({@code gnomon run} with {@code reference gps}): the receiver's serial
 * port → NMEA pipeline → epochs, the PPS device → edges, both into one {@link ReferenceClock} whose estimate drives
 * the software-corrected served clock that the NTP server answers from.
 *
 * <p>Threads: the serial reader, the PPS reader and one timer thread. The core is not thread-safe, so every call
 * into the receiver pipeline and the reference clock happens under one lock ({@link #core}); the timer closes quiet
 * receiver cycles (so an epoch is emitted ~300 ms after its last sentence, not when the next cycle starts), ticks
 * the reference clock once a second (timeouts, holdover) and saves the frequency now and then.
 */
public final class Appliance implements RunningServer {
    private static final Logger log = LoggerFactory.getLogger("gnomon");
    static final String STATE_FILE_NAME = "frequency";
    private static final long QUIET_NANOS = 300_000_000L;
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

    private final Object core = new Object();
    private final MonotonicClock mono = SystemClocks.MONOTONIC;
    private final ReferenceClock reference;
    private final SoftwareCorrectedClock served;
    private final GpsReceiver receiver;
    private final FrequencyStore store;
    private final AtomicBoolean closing = new AtomicBoolean();
    private NtpFrontEnd frontEnd;
    private SerialReceiverLink serial;
    private PpsPump pps;
    private ScheduledExecutorService timer;
    private final LeapSecondTable leaps;
    private StatusSurfaces status;
    private KernelDiscipline kernel;
    private String lastKernelFailure;
    private volatile io.gnomon.gps.Epoch lastEpoch;
    private volatile List<io.gnomon.gps.SatelliteSignal> lastSky = List.of();
    private volatile String serialState = "not opened yet";
    private volatile DrillInjection injection = DrillInjection.NONE;
    private volatile LiveDrill drill;
    private final String serialDevice;
    private final String ppsDevice;

    private Appliance(GnomonConfig config, Tuning tuning) {
        leaps = LeapSecondsAtStart.load(tuning.leapSeconds(), SystemClocks.REALTIME, log);
        store = new FrequencyStore(Path.of(config.stateDirectory()).resolve(STATE_FILE_NAME), SystemClocks.REALTIME, log);
        LocalDate built = BuildInfo.load().buildDate();
        reference = new ReferenceClock(ReferenceConfig.defaults(labeller(config, built))
                .withHoldoverLimit(tuning.holdoverLimitSeconds()), leaps, new HostClockDomains(),
                savedFrequency(store.read(), tuning.kernelClock()));
        served = new SoftwareCorrectedClock(SystemClocks.REALTIME, leaps, null);
        receiver = GpsReceiver.standard(built, epoch -> {
            lastEpoch = epoch;
            if (!epoch.satellites().isEmpty()) {
                lastSky = epoch.satellites();
            }
            after(reference.onEpoch(epoch.verdict(), mono.now()));
        });
        serialDevice = config.serialDevice().orElse(null);
        ppsDevice = config.pps() instanceof PpsSetting.None ? null : config.pps().directiveArguments();
        kernel = tuning.kernelClock().map(k -> new KernelDiscipline(k, leaps, KernelDiscipline.Settings.defaults(),
                new KernelDiscipline.HostClockListener() {
                    @Override
                    public void stepped(long deltaNanos) {
                        after(reference.hostClockStepped(deltaNanos, mono.now()));
                    }

                    @Override
                    public void rateChanged(double rateChange) {
                        after(reference.hostRateChanged(rateChange, mono.now()));
                    }
                })).orElse(null);
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
        if (a.kernel != null) {
            try {
                a.kernel.start().forEach(n -> log.info("{}", n));
            } catch (KernelClockException e) {
                throw new IllegalStateException("the kernel clock could not be read: " + e.getMessage(), e);
            }
        }
        a.frontEnd = NtpFrontEnd.start(listen, a.reference, a.served,
                io.gnomon.adapter.udp.linux.SocketPathSettings.standard()); // the same selection as Simulation
        // drill injectors at the adapter boundary: they pass everything until a drill says otherwise
        SerialFaultInjector serialBoundary = new SerialFaultInjector((data, off, len, arrival) -> {
            synchronized (a.core) {
                a.receiver.accept(data, off, len, arrival);
            }
        }, () -> a.injection.serial());
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
            ReferenceStatus r;
            io.gnomon.ntp.ReferenceSnapshot advertised;
            synchronized (core) {
                r = reference.status();
                advertised = reference.current();
            }
            LiveDrill running = drill;
            return ReferenceStatusMapping.of(build, startSecond, second, r, mono.now(), advertised, leaps,
                    frontEnd.responderCounters().snapshot(), frontEnd.clients(mono.now()),
                    new ReferenceStatusMapping.Devices(serialDevice,
                            serialState, Optional.ofNullable(lastEpoch), lastSky, ppsDevice))
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
        synchronized (core) {
            after(reference.onEdge(edge, mono.now()));
        }
    }

    /**
     * Closes the receiver's cycle once it has been quiet, and checks the host clock: another process stepping
     * CLOCK_REALTIME would otherwise be noticed only at the next edge, epoch or tick (once a second), and replies
     * stamped meanwhile would be in the old scale.
     */
    private void frequentChecks() {
        synchronized (core) {
            receiver.closeCycleIfQuiet(mono.now(), QUIET_NANOS);
            List<StateChange> step = reference.checkHostClock(mono.now());
            if (!step.isEmpty()) {
                after(step);
            }
        }
    }

    private void tick() {
        synchronized (core) {
            after(reference.onTick(mono.now()));
            if (kernel != null) {
                steer();
            }
        }
    }

    /** clock-discipline kernel, once a second under {@link #core}: served time does not depend on it succeeding. */
    private void steer() {
        ReferenceStatus r = reference.status();
        try {
            kernel.update(new KernelDiscipline.Reference(reference.servingEstimate(), r.state().serving(),
                    r.errorBoundSeconds(), SystemClocks.REALTIME.now())).forEach(n -> log.info("{}", n));
            lastKernelFailure = null;
        } catch (KernelClockException e) {
            if (!e.getMessage().equals(lastKernelFailure)) {
                log.warn("kernel clock: {} (served time is not affected; retrying every second)", e.getMessage());
                lastKernelFailure = e.getMessage();
            }
        }
    }

    /** Called under {@link #core} after every reference-clock call. */
    private void after(List<StateChange> changes) {
        changes.forEach(c -> log.info("reference: {}", c.logLine()));
        served.apply(reference.servingEstimate());
    }

    private void saveFrequency() {
        Optional<Double> f;
        synchronized (core) {
            f = reference.frequencyToSave();
            if (kernel != null) { // the state file keeps the oscillator's own error, not what the kernel corrected
                double k = kernel.kernelFrequencyPpm() * 1e-6;
                f = f.map(total -> KernelDiscipline.oscillatorFrequency(total, k));
            }
        }
        store.save(f);
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
        return reference.status();
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
        log.info("stopped; reference {}; {}", reference.status().state(), frontEnd.close());
    }
}
