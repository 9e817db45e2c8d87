package io.gnomon.timekeeper;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelDiscipline;
import io.gnomon.gps.DateResolver;
import io.gnomon.gps.Epoch;
import io.gnomon.gps.EpochTime;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.gps.SatelliteSignal;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServingSource;
import io.gnomon.pps.PpsEdge;
import io.gnomon.refclock.HostDomains;
import io.gnomon.refclock.LabelledEdge;
import io.gnomon.refclock.ReferenceClock;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.refclock.StateChange;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The timing pipeline, assembled here and nowhere else: GPS receiver (NMEA bytes → epochs) → reference clock (PPS
 * edges labelled, the clock model fitted) → the served clock, and the kernel discipline when configured. Every
 * composition (the appliance, {@code gnomon simulate}, the scenario and drill runners) feeds it and reads it.
 *
 * <p>Inputs are values: bytes with their arrival time, PPS edges, epochs, ticks, the host clock's reading, each
 * with the monotonic time it is processed at; each returns the state changes it caused. After every input one
 * immutable {@link Serving} (snapshot and estimate together) is published through one atomic reference, and a
 * reply reads it with {@link #current()}. Inputs are serialised (one caller at a time, any thread); the readings
 * are lock-free.
 */
public final class Timekeeper implements ServingSource {
    /** How long a receiver's cycle may be quiet before it is closed (its epoch emitted). */
    public static final long QUIET_NANOS = 300_000_000L;

    /** Host-clock steering: the kernel clock to steer and how. */
    public record Steering(KernelClock clock, KernelDiscipline.Settings settings) {
    }

    /** What a tick did: the state changes, the kernel discipline's notes, and why steering failed, if it did. */
    public record Tick(List<StateChange> changes, List<String> kernelNotes, Optional<KernelClockException> kernelFailure) {
    }

    private final ReferenceClock reference;
    private final LeapSecondTable leaps;
    private final GpsReceiver receiver;
    private final UnaryOperator<EpochTime> epochsSeen;
    private final KernelDiscipline kernel;
    private final AtomicReference<Serving> serving;
    private final List<StateChange> changes = new ArrayList<>();
    private MonotonicTime now = new MonotonicTime(0);
    private volatile Epoch lastEpoch;
    private volatile List<SatelliteSignal> lastSky = List.of();

    /**
     * @param domains        how the host's realtime and monotonic clocks relate (measured, or known in a simulation)
     * @param savedFrequency from the state file, for a faster lock (as the model will measure it)
     * @param dateAnchor     receiver dates are resolved near this day (the build date, or the scenario's)
     * @param epochsSeen     what the reference is told of each epoch (identity; a drill shifts the claimed second)
     * @param steering       the kernel clock to steer, if any
     */
    public Timekeeper(ReferenceConfig config, LeapSecondTable leaps, HostDomains domains, Optional<Double> savedFrequency,
                      LocalDate dateAnchor, UnaryOperator<EpochTime> epochsSeen, Optional<Steering> steering) {
        this.leaps = leaps;
        this.reference = new ReferenceClock(config, leaps, domains, savedFrequency);
        this.epochsSeen = epochsSeen;
        this.receiver = new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(dateAnchor), this::epoch);
        this.kernel = steering.map(s -> new KernelDiscipline(s.clock(), leaps, s.settings(),
                new KernelDiscipline.HostClockListener() {
                    @Override
                    public void stepped(long deltaNanos) {
                        changes.addAll(reference.hostClockStepped(deltaNanos, now));
                    }

                    @Override
                    public void rateChanged(double rateChange) {
                        changes.addAll(reference.hostRateChanged(rateChange, now));
                    }
                })).orElse(null);
        this.serving = new AtomicReference<>(Serving.initial(leaps));
    }

    /** Without host-clock steering, epochs as the receiver reports them. */
    public Timekeeper(ReferenceConfig config, LeapSecondTable leaps, HostDomains domains, Optional<Double> savedFrequency,
                      LocalDate dateAnchor) {
        this(config, leaps, domains, savedFrequency, dateAnchor, UnaryOperator.identity(), Optional.empty());
    }

    // ---- inputs ----

    /** Serial bytes from the receiver, {@code arrival} when they arrived; a completed cycle reaches the reference. */
    public synchronized List<StateChange> acceptBytes(byte[] data, int offset, int length, MonotonicTime arrival,
                                                      MonotonicTime now) {
        begin(now);
        receiver.accept(data, offset, length, arrival);
        return publish();
    }

    /** Closes the receiver's cycle once it has been quiet for {@link #QUIET_NANOS}. */
    public synchronized List<StateChange> closeCycleIfQuiet(MonotonicTime now) {
        begin(now);
        receiver.closeCycleIfQuiet(now, QUIET_NANOS);
        return publish();
    }

    /** An epoch's time from a receiver that does not go through bytes (a simulation's direct path). */
    public synchronized List<StateChange> onEpoch(EpochTime epoch, MonotonicTime now) {
        begin(now);
        changes.addAll(reference.onEpoch(epochsSeen.apply(epoch), now));
        return publish();
    }

    public synchronized List<StateChange> onEdge(PpsEdge edge, MonotonicTime now) {
        begin(now);
        changes.addAll(reference.onEdge(edge, now));
        return publish();
    }

    /** Another process may have stepped CLOCK_REALTIME: noticed here rather than at the next edge or tick. */
    public synchronized List<StateChange> checkHostClock(MonotonicTime now) {
        begin(now);
        changes.addAll(reference.checkHostClock(now));
        return publish();
    }

    /**
     * Once a second: timeouts and holdover, then (when steering) the kernel discipline, given the host clock's
     * reading {@code hostRealtime}. Served time does not depend on steering succeeding.
     */
    public synchronized Tick onTick(MonotonicTime now, RealtimeTime hostRealtime) {
        begin(now);
        changes.addAll(reference.onTick(now));
        publishServing();
        List<String> notes = List.of();
        Optional<KernelClockException> failure = Optional.empty();
        if (kernel != null) {
            ReferenceStatus r = reference.status();
            try {
                notes = kernel.update(new KernelDiscipline.Reference(reference.servingEstimate(), r.state().serving(),
                        r.errorBoundSeconds(), hostRealtime));
            } catch (KernelClockException e) {
                failure = Optional.of(e);
            }
        }
        return new Tick(publish(), notes, failure);
    }

    /**
     * From now on, temperature readings teach {@code learner} while locked, and holdover follows its curve once it
     * is usable (issue 19; only the simulation calls this so far).
     */
    public synchronized void useTemperature(io.gnomon.discipline.ThermalLearner learner) {
        reference.useTemperature(learner);
    }

    /** One temperature reading (empty: the sensor gave none), taken at {@code now}. */
    public synchronized void onTemperature(java.util.OptionalDouble celsius, MonotonicTime now) {
        reference.onTemperature(celsius, now);
    }

    /** The frequency-temperature curve learnt so far, if temperature is in use and anything has been learnt. */
    public synchronized Optional<io.gnomon.discipline.TemperatureCurve> temperatureCurve() {
        return reference.temperatureCurve();
    }

    /** Starts host-clock steering (reads the kernel clock); its notes. Nothing to do without steering. */
    public synchronized List<String> startSteering() throws KernelClockException {
        return kernel == null ? List.of() : kernel.start();
    }

    /** Sees every labelled edge (a simulation checks labels against the truth). */
    public synchronized void onLabelled(Consumer<LabelledEdge> listener) {
        reference.onLabelled(listener);
    }

    private void epoch(Epoch e) {
        lastEpoch = e;
        if (!e.satellites().isEmpty()) {
            lastSky = e.satellites();
        }
        changes.addAll(reference.onEpoch(epochsSeen.apply(e.verdict()), now));
    }

    private void begin(MonotonicTime at) {
        now = at;
        changes.clear();
    }

    private List<StateChange> publish() {
        publishServing();
        List<StateChange> out = List.copyOf(changes);
        changes.clear();
        return out;
    }

    private void publishServing() {
        serving.set(new Serving(reference.current(), reference.servingEstimate(), leaps));
    }

    // ---- readings (any thread) ----

    /** The serving value: snapshot and estimate of the same moment. */
    @Override
    public Serving current() {
        return serving.get();
    }

    /** The snapshot of {@link #current()}. */
    public ReferenceSnapshot snapshot() {
        return serving.get().snapshot();
    }

    public ReferenceStatus status() {
        return reference.status();
    }

    /** The estimate of {@link #current()}. */
    public Optional<ClockEstimate> servingEstimate() {
        return serving.get().estimate();
    }

    public LeapSecondTable leaps() {
        return leaps;
    }

    /**
     * The frequency worth keeping in the state file, once the model has earned it: the oscillator's own error (when
     * steering, what the kernel corrected is taken out; it survives a restart of Gnomon, not a reboot).
     */
    public synchronized Optional<Double> frequencyToSave() {
        Optional<Double> f = reference.frequencyToSave();
        if (kernel == null) {
            return f;
        }
        double k = kernel.kernelFrequencyPpm() * 1e-6;
        return f.map(total -> KernelDiscipline.oscillatorFrequency(total, k));
    }

    /** The receiver's latest epoch (fix, satellites), once it has sent one. */
    public Optional<Epoch> lastEpoch() {
        return Optional.ofNullable(lastEpoch);
    }

    /** The satellites of the latest cycle that reported any (GSV). */
    public List<SatelliteSignal> lastSky() {
        return lastSky;
    }

    /** The receiver, for its framing and decode counters. */
    public GpsReceiver receiver() {
        return receiver;
    }

    /** The kernel discipline when steering (its frequency and step count). */
    public Optional<KernelDiscipline> steering() {
        return Optional.ofNullable(kernel);
    }
}
