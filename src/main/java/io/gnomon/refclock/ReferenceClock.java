package io.gnomon.refclock;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.discipline.ClockModel;
import io.gnomon.gps.EpochTime;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.pps.PpsEdge;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference clock: PPS edges and receiver epochs in, lock state, served-time estimate and reference
 * snapshot out. Single-threaded (one caller feeds it); {@link #current()}, {@link #status()} and
 * {@link #servingEstimate()} may be read from any thread. Pure: time comes only from the values passed in.
 *
 * <p>Host clock changes: every call first reads the host's CLOCK_REALTIME − CLOCK_MONOTONIC bridge; a jump beyond
 * {@link ReferenceConfig#hostStepThresholdNanos()} is a step of the host clock (by another process, or the kernel
 * inserting a leap second): it is applied to the model ({@link ClockModel#hostStepped}), counted, and reported as a
 * notice. Changes made by Gnomon's own kernel discipline arrive through {@link #hostClockStepped} and
 * {@link #hostRateChanged} instead (and are not seen twice). Edges already stamped but not yet in the model are
 * carried across each change (see {@link HostClockHistory}); a realtime-stamped edge that may have been stamped
 * either side of a detected step is not used (counted).
 */
public final class ReferenceClock implements ReferenceSource {
    private static final long NS = 1_000_000_000L;
    private static final double NMEA_ONLY_MAX_BOUND = 0.05;

    private final ReferenceConfig config;
    private final LeapSecondTable leaps;
    private final HostDomains domains;
    private final Counters counters = new Counters();
    private final PpsLabeller labeller;
    private final ClockModel model;
    private final NmeaOnlyEstimator nmeaOnly = new NmeaOnlyEstimator();
    /** The previous PPS model, held over across a re-anchor after a gap until the new model has an estimate. */
    private Optional<ClockEstimate> carried = Optional.empty();
    /** Learns the frequency-temperature curve and holds over on it; null until temperature readings are offered. */
    private TemperatureCompensation temperature;

    private java.util.function.Consumer<LabelledEdge> labelListener = e -> { };
    private long anchorGeneration;
    private long labelled;
    private Long lastLabelledMono;
    private Long lastEpochMono;
    private Long lastPlausibleMono;
    private String lastRefusal = "receiver has not reported a fix yet";
    private boolean everLocked;
    private long calibratedDelay = -1;
    private long calibratedSpread;

    private final HostClockHistory history = new HostClockHistory();
    private Long lastBridge;
    private long lastBridgeReadMono;
    private DetectedStep lastStep;
    private final List<StateChange> notices = new ArrayList<>();

    /** A step found in the bridge: it happened after monotonic {@code afterMono}, by {@code detectedMono}. */
    private record DetectedStep(long afterMono, long detectedMono, long bridgeBefore, long bridgeAfter, long delta) {
    }

    /** A jittery PPS locks while the bound is under this many times the edges' rms scatter (see lockBound). */
    static final double LOCK_BOUND_PER_JITTER = 3;
    static final int LOCK_JITTER_MIN_SAMPLES = 32;
    private LockState state = LockState.NO_DEVICE;
    private String reason = "no receiver epoch yet";
    private MonotonicTime since = new MonotonicTime(0);

    private volatile ReferenceSnapshot snapshot = ReferenceSnapshot.unsynchronised("");
    private volatile ReferenceStatus status;
    private volatile Optional<ClockEstimate> serving = Optional.empty();

    public ReferenceClock(ReferenceConfig config, LeapSecondTable leaps, HostDomains domains,
                          Optional<Double> savedFrequency) {
        this.config = config;
        this.leaps = leaps;
        this.domains = domains;
        this.labeller = new PpsLabeller(config.labeller(), leaps, counters);
        this.model = new ClockModel(config.model());
        savedFrequency.ifPresent(f -> {
            model.useSavedFrequency(f);
            labeller.setFrequency(f);
        });
        status = buildStatus(Optional.empty(), Double.NaN, false, null);
    }

    @Override
    public ReferenceSnapshot current() {
        return snapshot;
    }

    public ReferenceStatus status() {
        return status;
    }

    /** The estimate served time should follow now (PPS model, or the NMEA-only one), if any. */
    public Optional<ClockEstimate> servingEstimate() {
        return serving;
    }

    /** The frequency worth saving for the next start (only from a PPS-locked model). */
    public Optional<Double> frequencyToSave() {
        return everLocked ? model.estimate().filter(e -> e.samples() >= 16).map(ClockEstimate::frequency) : Optional.empty();
    }

    /**
     * From now on, temperature readings ({@link #onTemperature}) teach {@code learner} while locked, and holdover
     * follows its curve once it is usable.
     */
    public void useTemperature(io.gnomon.discipline.ThermalLearner learner) {
        temperature = new TemperatureCompensation(config.model().window(), counters, learner);
    }

    /** One temperature reading (empty: the sensor gave none), taken at {@code now}. */
    public void onTemperature(java.util.OptionalDouble celsius, MonotonicTime now) {
        if (temperature != null) {
            temperature.reading(celsius, now);
        }
    }

    /** The frequency-temperature curve learnt so far, if temperature is in use and anything has been learnt. */
    public Optional<io.gnomon.discipline.TemperatureCurve> temperatureCurve() {
        return temperature == null ? Optional.empty() : temperature.curve();
    }

    /** The last plausible temperature, if it is recent. */
    public java.util.OptionalDouble temperatureNow(MonotonicTime now) {
        return temperature == null ? java.util.OptionalDouble.empty() : temperature.lastCelsius(now);
    }

    /** Sees every labelled edge (simulation uses it to check labels against the truth). */
    public void onLabelled(java.util.function.Consumer<LabelledEdge> listener) {
        this.labelListener = listener;
    }

    public LeapSecondTable leaps() {
        return leaps;
    }

    /** One PPS edge. {@code now} is when it is processed (monotonic). */
    public List<StateChange> onEdge(PpsEdge edge, MonotonicTime now) {
        long bridge = checkBridge(now);
        MonotonicTime mono;
        RealtimeTime real;
        switch (edge.timestamp()) {
            case MonotonicTime m -> { // converted now, with the bridge after any step: in the current scale
                mono = m;
                real = new RealtimeTime(m.nanos() + bridge);
            }
            case RealtimeTime r -> {
                long at = acrossStep(r.epochNanos(), now.nanos());
                if (at == Long.MIN_VALUE) {
                    counters.add("PPS edge stamped while the host clock stepped: not used");
                    return evaluate(now);
                }
                real = new RealtimeTime(at);
                mono = new MonotonicTime(at - bridge);
            }
        }
        history.stamped(edge.sequence());
        accept(labeller.onEdge(edge.sequence(), mono, real));
        return evaluate(now);
    }

    /**
     * A realtime stamp in the current scale, or {@link Long#MIN_VALUE} when it cannot be placed. Within 10 s of a
     * detected step (which happened after the last read that saw none, and before the read that saw it), each way
     * the stamp could have been taken is tried: after the step, it converts with the new bridge to a moment after
     * that last quiet read (and not in the future); before it, it converts with the old bridge to a moment before
     * the detection. One consistent reading is used (moved by the step if it was taken before); two are ambiguous
     * and the edge is dropped. Monotonic stamps never need this: they are converted with the bridge of the moment.
     */
    private long acrossStep(long realtime, long nowMono) {
        DetectedStep st = lastStep;
        if (st == null || nowMono - st.detectedMono() > 10 * NS) {
            return realtime;
        }
        long monoIfAfter = realtime - st.bridgeAfter();
        long monoIfBefore = realtime - st.bridgeBefore();
        boolean after = monoIfAfter > st.afterMono() && monoIfAfter <= nowMono;
        boolean before = monoIfBefore <= st.detectedMono();
        if (after && !before) {
            return realtime;
        }
        if (before && !after) {
            return realtime + st.delta();
        }
        return Long.MIN_VALUE;
    }

    /**
     * Reads the bridge and compares it with the last read: a jump beyond the threshold is a host clock step made
     * by someone else (our own arrive through {@link #hostClockStepped}). Returns the bridge now.
     */
    private long checkBridge(MonotonicTime now) {
        long bridge = domains.realtimeMinusMonotonicNanos();
        long threshold = config.hostStepThresholdNanos();
        if (lastBridge != null && Math.abs(bridge - lastBridge) > threshold) {
            // a read preempted between its clock reads can be off by milliseconds: a step must be read twice
            long again = domains.realtimeMinusMonotonicNanos();
            if (Math.abs(again - lastBridge) <= threshold) {
                counters.add("host clock bridge misread once (not a step)");
                bridge = again;
            } else if (Math.abs(again - bridge) > threshold / 2) {
                counters.add("host clock bridge misread once (not a step)");
                return lastBridge; // neither read is trustworthy: look again at the next call
            }
        }
        if (lastBridge != null && Math.abs(bridge - lastBridge) > threshold) {
            long delta = bridge - lastBridge;
            lastStep = new DetectedStep(lastBridgeReadMono, now.nanos(), lastBridge, bridge, delta);
            String why = kernelLeap(delta, now.nanos() + bridge)
                    ? "host clock stepped by " + signedSeconds(delta) + ": the kernel applied the leap second"
                    : "host clock stepped by " + signedSeconds(delta) + " by another process";
            applyStep(delta, why, now);
        }
        lastBridge = bridge;
        lastBridgeReadMono = now.nanos();
        return bridge;
    }

    /** A step of one second the way the leap-second table says, within a few seconds of that UTC midnight. */
    private boolean kernelLeap(long delta, long realtimeNow) {
        long tolerance = config.hostStepThresholdNanos();
        long day = 86_400L * NS;
        long midnight = Math.floorDiv(realtimeNow + day / 2, day) * day;
        if (Math.abs(realtimeNow - midnight) > 5 * NS) {
            return false;
        }
        long second = midnight / NS;
        int leap = leaps.taiMinusUtcAt(second) - leaps.taiMinusUtcAt(second - 1);
        return leap != 0 && Math.abs(delta + leap * NS) <= tolerance;
    }

    private void applyStep(long delta, String why, MonotonicTime now) {
        model.hostStepped(delta);
        if (temperature != null) {
            temperature.hostStepped(delta);
        }
        nmeaOnly.stepped(delta);
        history.stepped(delta);
        counters.add(why);
        notices.add(StateChange.notice(now, state, why));
    }

    /**
     * Gnomon itself stepped the host clock by {@code deltaNanos} (kernel discipline, ADJ_SETOFFSET): the model is
     * re-expressed, the step is counted, and the bridge check will not see it a second time.
     */
    public List<StateChange> hostClockStepped(long deltaNanos, MonotonicTime now) {
        if (lastBridge != null) {
            lastBridge += deltaNanos; // expected: the bridge moved by our step, and by nothing else
        }
        applyStep(deltaNanos, "host clock stepped by " + signedSeconds(deltaNanos) + " by kernel discipline", now);
        checkBridge(now);
        return evaluate(now);
    }

    /**
     * The host clock check alone, for a watch that runs far more often than edges, epochs and ticks (every 100 ms in
     * the appliance): a step by another process is then applied to what is served within the watch's period, not up
     * to a second later. Empty unless a step was found; cheap otherwise (one bridge read).
     */
    public List<StateChange> checkHostClock(MonotonicTime now) {
        DetectedStep before = lastStep;
        checkBridge(now);
        return lastStep == before ? List.of() : evaluate(now);
    }

    /**
     * Gnomon itself changed the host clock's rate by {@code rateChange} (kernel discipline, ADJ_FREQUENCY) just
     * now: the model is re-expressed at the current realtime. Not counted (it happens every second).
     */
    public List<StateChange> hostRateChanged(double rateChange, MonotonicTime now) {
        long bridge = checkBridge(now);
        RealtimeTime at = new RealtimeTime(now.nanos() + bridge);
        model.hostRateChanged(at, rateChange);
        if (temperature != null) {
            temperature.hostRateChanged(rateChange);
        }
        nmeaOnly.rateChanged(at, rateChange);
        history.rateChanged(at.epochNanos(), rateChange);
        model.estimate().ifPresent(est -> labeller.setFrequency(est.frequency()));
        return evaluate(now);
    }

    private static String signedSeconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%+.3f s", nanos / 1e9);
    }

    /** One receiver cycle, processed at {@code now}. */
    public List<StateChange> onEpoch(EpochTime epoch, MonotonicTime now) {
        checkBridge(now);
        lastEpochMono = epoch.firstByteArrival().nanos();
        List<LabelledEdge> edges = labeller.onEpoch(epoch);
        if (labeller.delayUnambiguous() && labeller.delaySamples() >= config.labeller().window() / 2) {
            calibratedDelay = labeller.delayMedianNanos();
            calibratedSpread = labeller.delaySpreadNanos();
        }
        switch (epoch) {
            case EpochTime.Refused r -> lastRefusal = "receiver: " + r.reason();
            case EpochTime.Asserted a -> {
                if (a.second().compareTo(config.labeller().earliestPlausible()) < 0) {
                    lastRefusal = "receiver date " + a.second().toInstant().toString().substring(0, 10) + " is not plausible";
                } else {
                    lastPlausibleMono = a.firstByteArrival().nanos();
                    if (calibratedDelay >= 0 && !config.labeller().sendsBeforeEdge()) {
                        long bridge = lastBridge;
                        nmeaOnly.add(leaps.toTai(a.second(), a.leapSecond()),
                                new RealtimeTime(a.firstByteArrival().nanos() + bridge), calibratedDelay);
                    }
                }
            }
        }
        accept(edges);
        return evaluate(now);
    }

    /** Called about once a second so that timeouts and holdover are noticed without events. */
    public List<StateChange> onTick(MonotonicTime now) {
        checkBridge(now);
        return evaluate(now);
    }

    private void accept(List<LabelledEdge> edges) {
        if (labeller.anchorGeneration() != anchorGeneration) {
            if (model.estimate().isPresent()) {
                counters.add("clock model restarted: the receiver's seconds moved");
                // after a mere gap in the PPS count the old model is still right: hold over on it until the new
                // one has an estimate (a followed step of the receiver's seconds makes it suspect: drop it)
                carried = labeller.anchorLostWithGrid() && everLocked ? model.estimate() : Optional.empty();
            } else if (!labeller.anchorLostWithGrid()) {
                carried = Optional.empty();
            }
            anchorGeneration = labeller.anchorGeneration();
            model.reset();
            if (temperature != null) {
                temperature.locked();
            }
        }
        for (LabelledEdge e : edges) {
            labelled++;
            labelListener.accept(e);
            lastLabelledMono = e.monotonic().nanos();
            RealtimeTime real = history.carried(e.sequence(), e.realtime());
            if (real == null) {
                counters.add("labelled PPS edge too old to carry across host clock changes: not used");
                continue;
            }
            model.add(e.second(), real).ifPresent(est -> {
                labeller.setFrequency(est.frequency());
                if (temperature != null) {
                    temperature.learn(est, e.monotonic());
                }
            });
        }
    }

    private List<StateChange> evaluate(MonotonicTime now) {
        long bridge = lastBridge != null ? lastBridge : domains.realtimeMinusMonotonicNanos();
        RealtimeTime realNow = new RealtimeTime(now.nanos() + bridge);
        Optional<ClockEstimate> fresh = model.estimate();
        if (fresh.isPresent()) {
            carried = Optional.empty();
        }
        Optional<ClockEstimate> pps = fresh.or(() -> carried);
        boolean edgesFresh = lastLabelledMono != null && now.nanos() - lastLabelledMono <= config.ppsTimeoutSeconds() * NS;
        if (temperature != null && everLocked && !edgesFresh && fresh.isPresent()) {
            ClockEstimate plain = fresh.get();
            Optional<ClockEstimate> thermal = temperature.holdover(plain, plain.trueTimeAt(realNow), now);
            if (thermal.isPresent()) {
                pps = thermal;
            }
        }
        Optional<ClockEstimate> nmea = nmeaOnly.estimate(calibratedSpread, pps);
        double ppsBound = pps.map(e -> boundAt(e, realNow)).orElse(Double.POSITIVE_INFINITY);
        double nmeaBound = nmea.map(e -> boundAt(e, realNow)).orElse(Double.POSITIVE_INFINITY);
        boolean ppsFresh = lastLabelledMono != null && now.nanos() - lastLabelledMono <= config.ppsTimeoutSeconds() * NS;
        boolean deviceFresh = lastEpochMono != null && now.nanos() - lastEpochMono <= config.deviceTimeoutSeconds() * NS;
        boolean fixFresh = lastPlausibleMono != null && now.nanos() - lastPlausibleMono <= config.deviceTimeoutSeconds() * NS;
        if (!fixFresh) {
            nmea = Optional.empty();
            nmeaBound = Double.POSITIVE_INFINITY;
        }

        LockState next;
        String why;
        Optional<ClockEstimate> use = pps;
        double bound = ppsBound;
        if (ppsFresh && labeller.verified() && fresh.isPresent() && ppsBound < lockBound(config, fresh.get())) {
            next = LockState.PPS_LOCKED;
            why = "PPS edges labelled by the receiver's seconds";
            everLocked = true;
        } else if (everLocked && pps.isPresent() && ppsBound < config.holdoverLimitSeconds() && ppsBound <= nmeaBound) {
            next = LockState.HOLDOVER;
            why = (ppsFresh ? "PPS labels " + labeller.reason() : "no labelled PPS edge for "
                    + seconds(now.nanos() - (lastLabelledMono == null ? now.nanos() : lastLabelledMono)))
                    + (ppsFresh || labeller.refusedJump() == null ? "" : " (" + labeller.refusedJump() + ")")
                    + "; error bound growing";
        } else if (config.nmeaOnlyAllowed() && nmea.isPresent() && nmeaBound < NMEA_ONLY_MAX_BOUND) {
            next = LockState.NMEA_ONLY;
            why = "no PPS: time from the receiver's sentences alone (millisecond accuracy)";
            use = nmea;
            bound = nmeaBound;
        } else if (everLocked && pps.isPresent()) {
            next = LockState.UNSYNCHRONISED;
            why = "error bound " + formatSeconds(ppsBound) + " passed the limit " + formatSeconds(config.holdoverLimitSeconds())
                    + (labeller.refusedJump() == null ? "" : " (" + labeller.refusedJump() + ")");
        } else if (!deviceFresh) {
            next = LockState.NO_DEVICE;
            why = lastEpochMono == null ? "no receiver epoch yet"
                    : "no sentences from the receiver for " + seconds(now.nanos() - lastEpochMono);
        } else if (!fixFresh) {
            next = LockState.NO_FIX;
            why = lastRefusal;
        } else {
            next = LockState.TIME_UNVERIFIED;
            why = labeller.verified() ? "fitting the clock model (error bound " + formatSeconds(ppsBound) + ")"
                    : labeller.reason();
        }
        serving = use;
        List<StateChange> changes = new ArrayList<>(notices);
        notices.clear();
        if (next != state) {
            changes.add(new StateChange(now, state, next, why));
            state = next;
            since = now;
        }
        reason = why;
        publish(use, bound, realNow);
        return changes;
    }

    /**
     * The error bound under which the PPS counts as locked: the configured one for a clean PPS, wider for a PPS whose
     * edges scatter more (a lock at the jitter the edges show; the served bound, hence the root dispersion, still
     * says how good the time is), never past half the holdover limit.
     */
    static double lockBound(ReferenceConfig config, ClockEstimate e) {
        if (e.samples() < LOCK_JITTER_MIN_SAMPLES) {
            return config.lockBoundSeconds(); // a scatter from a handful of edges is no measure of the PPS
        }
        double fromJitter = LOCK_BOUND_PER_JITTER * e.jitterNanos() / 1e9;
        double bound = Double.isFinite(fromJitter) ? Math.max(config.lockBoundSeconds(), fromJitter) : config.lockBoundSeconds();
        return Math.min(bound, config.holdoverLimitSeconds() / 2);
    }

    /** The bound a little ahead of now, so that it still holds when a reply is sent before the next update. */
    private static double boundAt(ClockEstimate e, RealtimeTime realNow) {
        TaiTime t = e.trueTimeAt(realNow).plusNanos(2 * NS);
        return e.errorBoundSecondsAt(t);
    }

    private void publish(Optional<ClockEstimate> use, double bound, RealtimeTime realNow) {
        if (state.serving() && use.isPresent()) {
            ClockEstimate e = use.get();
            UtcTime utcNow = leaps.toUtc(e.trueTimeAt(realNow));
            LeapIndicator li = leaps.indicatorFor(utcNow);
            snapshot = new ReferenceSnapshot(true, 1, state == LockState.NMEA_ONLY ? "GPS" : "PPS",
                    leaps.toUtc(e.reference()), 0, bound, li);
        } else {
            snapshot = ReferenceSnapshot.unsynchronised("");
        }
        boolean expired = use.isPresent() && leaps.isExpiredAt(leaps.toUtc(use.get().trueTimeAt(realNow)));
        status = buildStatus(use, bound, expired, realNow);
    }

    private ReferenceStatus buildStatus(Optional<ClockEstimate> use, double bound, boolean leapsExpired,
                                        RealtimeTime realNow) {
        return new ReferenceStatus(state, reason, since,
                use.map(e -> hostMinusUtcNanos(e, realNow)).orElse(Double.NaN),
                use.map(ClockEstimate::jitterNanos).orElse(Double.NaN),
                use.map(e -> e.frequency() * 1e6).orElse(Double.NaN),
                labeller.delayMedianNanos(), labeller.delaySpreadNanos(), bound, labelled, counters.snapshot(),
                leaps.expires(), leapsExpired);
    }

    /**
     * Host realtime − UTC now, per the model. The estimate's own offset is against continuous (TAI-based) time at its
     * reference (so it carries TAI − UTC, −37 s since 2017, and is stale in holdover); the operator's offset is this.
     */
    private double hostMinusUtcNanos(ClockEstimate e, RealtimeTime realNow) {
        return realNow.epochNanos() - leaps.toUtc(e.trueTimeAt(realNow)).epochNanos();
    }

    private static String seconds(long nanos) {
        return Math.round(nanos / 1e9) + " s";
    }

    static String formatSeconds(double s) {
        if (Double.isInfinite(s)) {
            return "unknown";
        }
        if (s < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.1f µs", s * 1e6);
        }
        if (s < 1) {
            return String.format(java.util.Locale.ROOT, "%.2f ms", s * 1e3);
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", s);
    }
}
