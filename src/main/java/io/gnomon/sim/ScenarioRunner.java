package io.gnomon.sim;

import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelDiscipline;
import io.gnomon.discipline.SoftwareCorrectedClock;
import io.gnomon.fault.GpsFault;
import io.gnomon.gps.EpochTime;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.refclock.LabelledEdge;
import io.gnomon.refclock.LockState;
import io.gnomon.refclock.ReferenceClock;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.refclock.StateChange;
import io.gnomon.time.UtcTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

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

    private static KernelRunResult run(Scenario s, KernelDiscipline.Settings kernelSettings, double initialKernelPpm) {
        return run(s, kernelSettings, initialKernelPpm, 0);
    }

    private static KernelRunResult run(Scenario s, KernelDiscipline.Settings kernelSettings, double initialKernelPpm,
                                       long hostJudgedFromSeconds) {
        SplittableRandom root = new SplittableRandom(s.seed());
        VirtualClock clock = new VirtualClock();
        Oscillator osc = new Oscillator(s.oscillator(), root.split());
        SimulatedHost host = new SimulatedHost(clock, osc, s.leaps(), s.start(), s.bootErrorNanos(), 5_000 * NS);
        ReferenceClock ref = new ReferenceClock(s.reference(), s.leaps(), host::realtimeMinusMonotonicNanos, s.savedFrequency());
        SoftwareCorrectedClock served = new SoftwareCorrectedClock(host.realtimeClock(), s.leaps(), null);
        List<StateChange> transitions = new ArrayList<>();
        java.util.Set<io.gnomon.ntp.LeapIndicator> leapIndicators = java.util.EnumSet.noneOf(io.gnomon.ntp.LeapIndicator.class);
        double[] firstFix = {Double.NaN};
        double[] toStratum1 = {Double.NaN};
        Consumer<List<StateChange>> afterEvent = changes -> {
            transitions.addAll(changes);
            served.apply(ref.servingEstimate());
            ReferenceSnapshot snap = ref.current();
            leapIndicators.add(snap.leap());
            if (Double.isNaN(toStratum1[0]) && snap.synchronised() && snap.stratum() == 1 && "PPS".equals(snap.refId())) {
                toStratum1[0] = clock.nowNanos() / 1e9 - firstFix[0];
            }
        };
        long unplug = s.unplugAfterSeconds() < 0 ? Long.MAX_VALUE : s.unplugAfterSeconds();
        List<String> notes = new ArrayList<>();
        SimulatedKernelClock kernelClock = null;
        KernelDiscipline kernel = null;
        if (kernelSettings != null) {
            kernelClock = new SimulatedKernelClock(host, initialKernelPpm);
            kernel = new KernelDiscipline(kernelClock, s.leaps(), kernelSettings, new KernelDiscipline.HostClockListener() {
                @Override
                public void stepped(long deltaNanos) {
                    afterEvent.accept(ref.hostClockStepped(deltaNanos, host.monotonicAt(clock.nowNanos())));
                }

                @Override
                public void rateChanged(double rateChange) {
                    afterEvent.accept(ref.hostRateChanged(rateChange, host.monotonicAt(clock.nowNanos())));
                }
            });
            try {
                notes.addAll(kernel.start());
            } catch (KernelClockException e) {
                throw new IllegalStateException("the simulated kernel clock refused: " + e.getMessage(), e);
            }
        }
        KernelDiscipline discipline = kernel;
        double[] host2 = {0, 0, 0}; // sum of squares, max, samples
        double[] lastOutside = {0, 0}; // last second the host was more than 10 µs / 1 µs off

        long[] counts = new long[3]; // labelled, mislabelled, spurious labelled
        SimulatedPps[] ppsHolder = new SimulatedPps[1];
        long startTai = host.trueTai(0).nanos();
        ref.onLabelled((LabelledEdge e) -> {
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
                edge -> afterEvent.accept(ref.onEdge(edge, host.monotonicAt(clock.nowNanos()))));
        ppsHolder[0] = pps;
        Consumer<EpochTime> epochSink = epoch -> afterEvent.accept(ref.onEpoch(epoch, host.monotonicAt(clock.nowNanos())));
        Consumer<EpochTime> epochs = epoch -> {
            if (Double.isNaN(firstFix[0]) && epoch instanceof EpochTime.Asserted a
                    && a.second().compareTo(s.reference().labeller().earliestPlausible()) >= 0) {
                // when its first byte arrived (host time since the start; the host is at most ppm off)
                firstFix[0] = (a.firstByteArrival().nanos() - host.monotonicAt(0).nanos()) / 1e9;
            }
            epochSink.accept(epoch);
        };
        io.gnomon.nmea.SerialByteSink bytes = null;
        Consumer<EpochTime> direct = epochs;
        if (s.throughNmeaBytes()) {
            // the real NMEA path: framer → decoders → epoch assembler; a quiet line closes the cycle
            io.gnomon.gps.GpsReceiver receiver = new io.gnomon.gps.GpsReceiver(io.gnomon.nmea.FramerConfig.defaults(),
                    io.gnomon.gps.DateResolver.anchoredAt(anchorDate(s)), e -> epochs.accept(e.verdict()));
            bytes = (data, off, len, arrival) -> {
                receiver.accept(data, off, len, arrival);
                clock.schedule(clock.nowNanos() + 310_000_000L,
                        () -> receiver.closeCycleIfQuiet(host.monotonicAt(clock.nowNanos()), 300_000_000L));
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
                afterEvent.accept(ref.onTick(host.monotonicAt(clock.nowNanos())));
                if (discipline != null) {
                    ReferenceStatus st = ref.status();
                    try {
                        notes.addAll(discipline.update(new KernelDiscipline.Reference(ref.servingEstimate(),
                                st.state().serving(), st.errorBoundSeconds(), host.realtimeAt(clock.nowNanos()))));
                    } catch (KernelClockException e) {
                        throw new IllegalStateException("the simulated kernel clock refused: " + e.getMessage(), e);
                    }
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
                ReferenceSnapshot snap = ref.current();
                LockState state = ref.status().state();
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
                if (second >= unplug && ref.servingEstimate().isPresent()) {
                    samples[1]++;
                    double bound = ref.status().errorBoundSeconds();
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
        ScenarioResult result = new ScenarioResult(s.name(), counts[0], counts[1], counts[2], samples[0],
                samples[0] == 0 ? Double.NaN : Math.sqrt(sumSq[0] / samples[0]), max[0], toStratum1[0],
                samples[1], samples[2], toUnsync[0], worstHoldover[0], lastHoldover[0], lastHoldover[1], transitions, ref.status().counts(), leapIndicators);
        double end = s.durationSeconds();
        return new KernelRunResult(result, (long) host2[2], host2[2] == 0 ? Double.NaN : Math.sqrt(host2[0] / host2[2]),
                host2[1], hostJudgedFromSeconds, lastOutside[0] >= end - 1 ? Double.NaN : lastOutside[0],
                lastOutside[1] >= end - 1 ? Double.NaN : lastOutside[1], kernel == null ? 0 : kernel.steps(),
                kernelClock == null ? 0 : kernelClock.leapsApplied(), kernel == null ? 0 : kernel.kernelFrequencyPpm(),
                List.copyOf(notes));
    }
}
