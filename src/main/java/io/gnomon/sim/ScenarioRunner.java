package io.gnomon.sim;

import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelDiscipline;
import io.gnomon.fault.GpsFault;
import io.gnomon.gps.EpochTime;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.refclock.LabelledEdge;
import io.gnomon.refclock.LockState;
import io.gnomon.refclock.StateChange;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;
import io.gnomon.timekeeper.ServedView;
import io.gnomon.timekeeper.Timekeeper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a {@link Scenario} in virtual time, as fast as the machine allows: simulated PPS and receiver feed the
 * real reference clock; once a second the served time is compared with the truth.
 */
public final class ScenarioRunner {
    private static final long NS = 1_000_000_000L;

    private ScenarioRunner() {}

    /** The date receivers' week numbers are resolved against in byte-level runs (like a build date). */
    private static java.time.LocalDate anchorDate(Scenario s) {
        return s.reference().labeller().earliestPlausible().toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    public static ScenarioResult run(Scenario s) {
        return run(s, null, 0).served();
    }

    /**
     * The scenario with the kernel-discipline actuator steering the simulated host clock (once a second, after the
     * reference's tick); served time is judged as in {@link #run(Scenario)}, the host clock from
     * {@code hostJudgedFromSeconds} on.
     *
     * @param initialKernelPpm the frequency correction the kernel has at start (another daemon's leftover)
     */
    public static KernelRunResult runWithKernelDiscipline(Scenario s, KernelDiscipline.Settings settings,
                                                          double initialKernelPpm, long hostJudgedFromSeconds) {
        return run(s, settings, initialKernelPpm, hostJudgedFromSeconds);
    }

    /**
     * The scenario with a temperature sensor read once a second (before the reference's tick). With
     * {@code learn} the reference clock learns the frequency-temperature curve and holds over on it; without, the
     * sensor is read (so the random streams are the same) but nothing is told: the plain model, in the same run.
     *
     * @param learnt receives the curve learnt by the end (empty without {@code learn})
     */
    public static ScenarioResult runWithTemperature(Scenario s, SimulatedTemperatureSensor sensor, boolean learn,
                                                    java.util.function.Consumer<java.util.Optional<
                                                            io.gnomon.discipline.TemperatureCurve>> learnt) {
        return run(s, null, 0, 0, new Thermal(sensor, learn, learnt)).served();
    }

    private record Thermal(SimulatedTemperatureSensor sensor, boolean learn,
                           java.util.function.Consumer<java.util.Optional<io.gnomon.discipline.TemperatureCurve>> learnt) {
    }

    private static KernelRunResult run(Scenario s, KernelDiscipline.Settings kernelSettings, double initialKernelPpm) {
        return run(s, kernelSettings, initialKernelPpm, 0);
    }

    private static KernelRunResult run(Scenario s, KernelDiscipline.Settings kernelSettings, double initialKernelPpm,
                                       long hostJudgedFromSeconds) {
        return run(s, kernelSettings, initialKernelPpm, hostJudgedFromSeconds, null);
    }

    private static KernelRunResult run(Scenario s, KernelDiscipline.Settings kernelSettings, double initialKernelPpm,
                                       long hostJudgedFromSeconds, Thermal thermal) {
        SplittableRandom root = new SplittableRandom(s.seed());
        VirtualClock clock = new VirtualClock();
        Oscillator osc = new Oscillator(s.oscillator(), root.split());
        SimulatedHost host = new SimulatedHost(clock, osc, s.leaps(), s.start(), s.bootErrorNanos(), 5_000 * NS);
        List<StateChange> transitions = new ArrayList<>();
        java.util.Set<io.gnomon.ntp.LeapIndicator> leapIndicators = java.util.EnumSet.noneOf(io.gnomon.ntp.LeapIndicator.class);
        double[] firstFix = {Double.NaN};
        double[] toStratum1 = {Double.NaN};
        UnaryOperator<EpochTime> firstFixSeen = epoch -> {
            if (Double.isNaN(firstFix[0]) && epoch instanceof EpochTime.Asserted a
                    && a.second().compareTo(s.reference().labeller().earliestPlausible()) >= 0) {
                // when its first byte arrived (host time since the start; the host is at most ppm off)
                firstFix[0] = (a.firstByteArrival().nanos() - host.monotonicAt(0).nanos()) / 1e9;
            }
            return epoch;
        };
        SimulatedKernelClock kernelClock = kernelSettings == null ? null : new SimulatedKernelClock(host, initialKernelPpm);
        Timekeeper tk = new Timekeeper(s.reference(), s.leaps(), host::realtimeMinusMonotonicNanos, s.savedFrequency(),
                anchorDate(s), firstFixSeen, Optional.ofNullable(kernelClock)
                        .map(k -> new Timekeeper.Steering(k, kernelSettings)));
        ServedClock served = new ServedView(host.realtimeClock(), tk);
        Consumer<List<StateChange>> afterEvent = changes -> {
            transitions.addAll(changes);
            ReferenceSnapshot snap = tk.snapshot();
            leapIndicators.add(snap.leap());
            if (Double.isNaN(toStratum1[0]) && snap.synchronised() && snap.stratum() == 1 && "PPS".equals(snap.refId())) {
                toStratum1[0] = clock.nowNanos() / 1e9 - firstFix[0];
            }
        };
        long unplug = s.unplugAfterSeconds() < 0 ? Long.MAX_VALUE : s.unplugAfterSeconds();
        List<String> notes = new ArrayList<>();
        try {
            notes.addAll(tk.startSteering());
        } catch (KernelClockException e) {
            throw new IllegalStateException("the simulated kernel clock refused: " + e.getMessage(), e);
        }
        KernelDiscipline kernel = tk.steering().orElse(null);
        double[] host2 = {0, 0, 0}; // sum of squares, max, samples
        double[] lastOutside = {0, 0}; // last second the host was more than 10 µs / 1 µs off

        long[] counts = new long[3]; // labelled, mislabelled, spurious labelled
        SimulatedPps[] ppsHolder = new SimulatedPps[1];
        long startTai = host.trueTai(0).nanos();
        tk.onLabelled((LabelledEdge e) -> {
            counts[0]++;
            Long trueNanos = ppsHolder[0].trueNanosOf(e.sequence());
            long trueSecond = Math.round((startTai + trueNanos) / (double) NS) * NS;
            if (trueSecond != e.second().nanos()) {
                counts[1]++;
            }
            if (ppsHolder[0].isSpurious(e.sequence())) {
                counts[2]++;
            }
        });
        SimulatedPps pps = new SimulatedPps(host, s.pps(), root.split(), n -> n < unplug,
                edge -> afterEvent.accept(tk.onEdge(edge, host.monotonicAt(clock.nowNanos()))));
        ppsHolder[0] = pps;
        io.gnomon.nmea.SerialByteSink bytes = null;
        Consumer<EpochTime> direct = epoch -> afterEvent.accept(tk.onEpoch(epoch, host.monotonicAt(clock.nowNanos())));
        if (s.throughNmeaBytes()) {
            // the real NMEA path: framer → decoders → epoch assembler; a quiet line closes the cycle
            bytes = (data, off, len, arrival) -> {
                afterEvent.accept(tk.acceptBytes(data, off, len, arrival, host.monotonicAt(clock.nowNanos())));
                clock.schedule(clock.nowNanos() + Timekeeper.QUIET_NANOS + 10_000_000L,
                        () -> afterEvent.accept(tk.closeCycleIfQuiet(host.monotonicAt(clock.nowNanos()))));
            };
            direct = e -> { };
        }
        ReceiverModel model = s.receiver();
        SimulatedGpsReceiver gps = new SimulatedGpsReceiver(host, model,
                s.delayNanosAtSecond() != null ? s.delayNanosAtSecond() : n -> model.delayNanos(),
                n -> n >= unplug ? GpsFault.UNPLUGGED : s.faults() == null ? null : s.faults().apply(n),
                root.split(), bytes, direct);
        pps.start();
        gps.start();

        // once a second, at a random phase: tick the state machine and judge the served time
        SplittableRandom phases = root.split();
        SplittableRandom sensorNoise = root.split();
        if (thermal != null && thermal.learn()) {
            tk.useTemperature(new io.gnomon.discipline.ThermalLearner());
        }
        double[] sumSq = {0};
        double[] max = {0};
        long[] samples = {0, 0, 0}; // locked samples, holdover samples, holdover covered
        double[] toUnsync = {Double.NaN};
        double[] worstHoldover = {0};
        double[] lastHoldover = {Double.NaN, Double.NaN};
        long[] lockedSince = {-1};
        for (long k = 0; k < s.durationSeconds(); k++) {
            long at = k * NS + (long) (phases.nextDouble() * NS);
            long second = k;
            clock.schedule(at, () -> {
                if (thermal != null) {
                    java.util.OptionalDouble reading = thermal.sensor().readAt(clock.nowNanos() / 1e9, sensorNoise);
                    tk.onTemperature(reading, host.monotonicAt(clock.nowNanos()));
                }
                Timekeeper.Tick tick = tk.onTick(host.monotonicAt(clock.nowNanos()), host.realtimeAt(clock.nowNanos()));
                tick.kernelFailure().ifPresent(e -> {
                    throw new IllegalStateException("the simulated kernel clock refused: " + e.getMessage(), e);
                });
                notes.addAll(tick.kernelNotes());
                afterEvent.accept(tick.changes());
                if (kernel != null) {
                    double hostErr = Math.abs((double) (host.realtimeAt(clock.nowNanos()).epochNanos()
                            - host.trueUtc(clock.nowNanos()).epochNanos()));
                    double t = clock.nowNanos() / 1e9;
                    if (hostErr > 10_000) {
                        lastOutside[0] = t;
                    }
                    if (hostErr > 1_000) {
                        lastOutside[1] = t;
                    }
                    if (second >= hostJudgedFromSeconds) {
                        host2[0] += hostErr * hostErr;
                        host2[1] = Math.max(host2[1], hostErr);
                        host2[2]++;
                    }
                }
                ReferenceSnapshot snap = tk.snapshot();
                LockState state = tk.status().state();
                double now = clock.nowNanos() / 1e9;
                UtcTime truth = host.trueUtc(clock.nowNanos());
                UtcTime servedNow = served.fromRealtime(host.realtimeAt(clock.nowNanos()));
                double err = Math.abs((double) servedNow.nanosSince(truth));
                if (state == LockState.PPS_LOCKED) {
                    if (lockedSince[0] < 0) {
                        lockedSince[0] = second;
                    }
                    if (second - lockedSince[0] >= s.warmupSeconds()) {
                        samples[0]++;
                        sumSq[0] += err * err;
                        max[0] = Math.max(max[0], err);
                    }
                } else {
                    lockedSince[0] = -1;
                }
                if (second >= unplug && tk.servingEstimate().isPresent()) {
                    samples[1]++;
                    double bound = tk.status().errorBoundSeconds();
                    worstHoldover[0] = Math.max(worstHoldover[0], err / 1e9);
                    lastHoldover[0] = bound;
                    lastHoldover[1] = err / 1e9;
                    if (bound * 1e9 >= err) {
                        samples[2]++;
                    }
                    if (Double.isNaN(toUnsync[0]) && !snap.synchronised()) {
                        toUnsync[0] = now - unplug;
                    }
                }
            });
        }
        clock.runUntil(s.durationSeconds() * NS);
        if (thermal != null) {
            thermal.learnt().accept(tk.temperatureCurve());
        }
        ScenarioResult result = new ScenarioResult(s.name(), counts[0], counts[1], counts[2], samples[0],
                samples[0] == 0 ? Double.NaN : Math.sqrt(sumSq[0] / samples[0]), max[0], toStratum1[0],
                samples[1], samples[2], toUnsync[0], worstHoldover[0], lastHoldover[0], lastHoldover[1], transitions, tk.status().counts(), leapIndicators);
        double end = s.durationSeconds();
        return new KernelRunResult(result, (long) host2[2], host2[2] == 0 ? Double.NaN : Math.sqrt(host2[0] / host2[2]),
                host2[1], hostJudgedFromSeconds, lastOutside[0] >= end - 1 ? Double.NaN : lastOutside[0],
                lastOutside[1] >= end - 1 ? Double.NaN : lastOutside[1], kernel == null ? 0 : kernel.steps(),
                kernelClock == null ? 0 : kernelClock.leapsApplied(), kernel == null ? 0 : kernel.kernelFrequencyPpm(),
                List.copyOf(notes));
    }
}
