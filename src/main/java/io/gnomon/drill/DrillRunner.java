package io.gnomon.drill;

import io.gnomon.discipline.FrequencyState;
import io.gnomon.discipline.SoftwareCorrectedClock;
import io.gnomon.fault.SerialFaultInjector;
import io.gnomon.gps.DateResolver;
import io.gnomon.gps.EpochTime;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.SerialByteSink;
import io.gnomon.ntp.ClientOutcome;
import io.gnomon.ntp.ClientQuery;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.ServerAction;
import io.gnomon.pps.PpsEdge;
import io.gnomon.refclock.LabelledEdge;
import io.gnomon.refclock.ReferenceClock;
import io.gnomon.refclock.StateChange;
import io.gnomon.sim.Oscillator;
import io.gnomon.sim.ReceiverModel;
import io.gnomon.sim.Scenario;
import io.gnomon.sim.SimulatedGpsReceiver;
import io.gnomon.sim.SimulatedHost;
import io.gnomon.sim.SimulatedPps;
import io.gnomon.sim.VirtualClock;
import io.gnomon.time.HostTime;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a {@link Drill} in virtual time: simulated PPS and receiver feed the real reference clock, the served clock
 * follows its estimate, and at each checkpoint a real client request goes through the real {@link NtpResponder};
 * the decoded reply becomes a row of the client-visible timeline. Pure: no real clock, socket or thread.
 *
 * <p>Byte-level scenarios send the receiver's bytes through the drill's {@link SerialFaultInjector} and the real
 * NMEA pipeline ({@link GpsReceiver}); a drill with a {@link Drill.Restart} replaces the whole Gnomon process
 * (reference clock, served clock, NMEA pipeline) mid-run, handing over only the state file's text.
 */
public final class DrillRunner {
    private static final long NS = 1_000_000_000L;

    private DrillRunner() {}

    /** One Gnomon process: what a restart throws away. */
    private static final class Process {
        final ReferenceClock ref;
        final SoftwareCorrectedClock served;
        GpsReceiver receiver;

        Process(Scenario s, SimulatedHost host, Optional<Double> savedFrequency, Consumer<LabelledEdge> labels) {
            ref = new ReferenceClock(s.reference(), s.leaps(), host::realtimeMinusMonotonicNanos, savedFrequency);
            ref.onLabelled(labels);
            served = new SoftwareCorrectedClock(host.realtimeClock(), s.leaps(), null);
        }
    }

    public static DrillTimeline run(Drill d) {
        Scenario s = d.scenario();
        SplittableRandom root = new SplittableRandom(s.seed());
        VirtualClock clock = new VirtualClock();
        SimulatedHost host = new SimulatedHost(clock, new Oscillator(s.oscillator(), root.split()), s.leaps(), s.start(),
                s.bootErrorNanos(), 5_000 * NS);
        List<StateChange> transitions = new ArrayList<>();
        List<Double> transitionSeconds = new ArrayList<>();
        Map<String, Long> nmeaCounts = new TreeMap<>();

        // every edge the reference clock sees gets our own sequence number; real ones remember their true time
        Map<Long, Long> trueNanosOfEdge = new HashMap<>();
        long[] sequence = {0};
        long startTai = host.trueTai(0).nanos();
        long[] mislabelled = {0};
        Consumer<LabelledEdge> judgeLabel = e -> {
            Long t = trueNanosOfEdge.get(e.sequence());
            long trueSecond = t == null ? Long.MIN_VALUE : Math.round((startTai + t) / (double) NS) * NS;
            if (trueSecond != e.second().nanos()) {
                mislabelled[0]++;
            }
        };
        Process[] p = {new Process(s, host, s.savedFrequency(), judgeLabel)};
        Consumer<List<StateChange>> after = changes -> {
            for (StateChange c : changes) {
                transitions.add(c);
                transitionSeconds.add(clock.nowNanos() / 1e9);
            }
            p[0].served.apply(p[0].ref.servingEstimate());
        };
        Consumer<Long> edgeAt = trueNanos -> {
            long seq = ++sequence[0];
            HostTime stamp = host.realtimeAt(trueNanos);
            after.accept(p[0].ref.onEdge(new PpsEdge(seq, stamp), host.monotonicAt(clock.nowNanos())));
        };
        SimulatedPps[] pps = new SimulatedPps[1];
        pps[0] = new SimulatedPps(host, s.pps(), root.split(), n -> d.ppsPresent().test(n) && !d.edgeDropped().test(n),
                edge -> {
                    trueNanosOfEdge.put(sequence[0] + 1, pps[0].trueNanosOf(edge.sequence()));
                    edgeAt.accept(clock.nowNanos());
                });
        SplittableRandom spurious = root.split();
        if (d.spuriousPerSecond() > 0) {
            long firstBoundary = Math.floorDiv(startTai, NS) * NS + NS - startTai;
            for (long n = 0; n < s.durationSeconds(); n++) {
                long boundary = firstBoundary + n * NS;
                if (!d.ppsPresent().test(Math.floorDiv(boundary, NS))) {
                    continue;
                }
                for (int i = 0; i < d.spuriousPerSecond(); i++) {
                    long at = boundary + 20_000_000L + (long) (spurious.nextDouble() * 960_000_000L);
                    clock.schedule(at, () -> edgeAt.accept(at));
                }
            }
        }

        Consumer<EpochTime> epochs = epoch -> {
            long shift = d.nmeaShiftSeconds().applyAsLong(Math.floorDiv(clock.nowNanos(), NS));
            EpochTime seen = epoch;
            if (shift != 0 && epoch instanceof EpochTime.Asserted a) {
                seen = new EpochTime.Asserted(a.second().plusNanos(shift * NS), a.leapSecond(), a.firstByteArrival());
            }
            after.accept(p[0].ref.onEpoch(seen, host.monotonicAt(clock.nowNanos())));
        };
        java.time.LocalDate anchor = s.reference().labeller().earliestPlausible().toInstant().atZone(ZoneOffset.UTC)
                .toLocalDate();
        SerialFaultInjector injector = null;
        SerialByteSink bytes = null;
        Consumer<EpochTime> direct = epochs;
        if (s.throughNmeaBytes()) {
            p[0].receiver = new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(anchor),
                    e -> epochs.accept(e.verdict()));
            SerialByteSink pipeline = (data, off, len, arrival) -> {
                GpsReceiver r = p[0].receiver;
                r.accept(data, off, len, arrival);
                clock.schedule(clock.nowNanos() + 310_000_000L,
                        () -> r.closeCycleIfQuiet(host.monotonicAt(clock.nowNanos()), 300_000_000L));
            };
            injector = new SerialFaultInjector(pipeline, () -> d.serialFault().apply(Math.floorDiv(clock.nowNanos(), NS)));
            bytes = injector;
            direct = e -> { };
        }
        ReceiverModel model = s.receiver();
        SimulatedGpsReceiver gps = new SimulatedGpsReceiver(host, model,
                s.delayNanosAtSecond() != null ? s.delayNanosAtSecond() : n -> model.delayNanos(),
                n -> s.faults() == null ? null : s.faults().apply(n), root.split(), bytes, direct);
        pps[0].start();
        gps.start();
        for (Drill.HostStep step : d.hostSteps()) {
            clock.schedule(step.atNanos(), () -> host.stepRealtime(step.deltaNanos()));
        }

        if (d.restart() != null) {
            long at = d.restart().atSecond() * NS;
            clock.schedule(at, () -> {
                Process old = p[0];
                Optional<Double> saved = Optional.empty();
                String note;
                Optional<Double> toSave = old.ref.frequencyToSave();
                if (toSave.isEmpty()) {
                    note = "no state file written (no frequency worth keeping)";
                } else {
                    String written = new FrequencyState(toSave.get(), host.trueUtc(at)).serialise();
                    String onDisk = d.restart().stateFileOnDisk().apply(written);
                    saved = FrequencyState.parse(onDisk).map(FrequencyState::frequency);
                    note = saved.map(f -> String.format(Locale.ROOT, "state file read: %.3f ppm", f * 1e6))
                            .orElse("state file unusable: ignored, starting without a saved frequency");
                }
                if (old.receiver != null) {
                    addNmeaCounts(nmeaCounts, old.receiver);
                }
                Process fresh = new Process(s, host, saved, judgeLabel);
                if (old.receiver != null) {
                    fresh.receiver = new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(anchor),
                            e -> epochs.accept(e.verdict()));
                }
                p[0] = fresh;
                transitions.add(new StateChange(host.monotonicAt(at), old.ref.status().state(), fresh.ref.status().state(),
                        "Gnomon restarted; " + note));
                transitionSeconds.add(at / 1e9);
            });
        }

        NtpResponder responder = new NtpResponder();
        SplittableRandom nonces = root.split();
        List<DrillTimeline.Row> rows = new ArrayList<>();
        for (long k = 0; k < s.durationSeconds(); k++) {
            long at = k * NS + NS / 2;
            long second = k;
            clock.schedule(at, () -> {
                after.accept(p[0].ref.onTick(host.monotonicAt(clock.nowNanos())));
                if (second % d.checkpointSeconds() == 0 && second > 0) {
                    rows.add(ask(responder, p[0].ref, p[0].served, host, clock.nowNanos(), second, nonces.nextLong()));
                }
            });
        }
        clock.runUntil(s.durationSeconds() * NS);
        if (p[0].receiver != null) {
            addNmeaCounts(nmeaCounts, p[0].receiver);
        }
        if (injector != null) {
            nmeaCounts.merge("injected: serial bytes dropped", injector.droppedBytes(), Long::sum);
            nmeaCounts.merge("injected: serial bytes sent at the wrong baud rate", injector.garbledBytes(), Long::sum);
        }
        nmeaCounts.values().removeIf(v -> v == 0);
        return new DrillTimeline(d, rows, transitions, p[0].ref.status().counts(), mislabelled[0], transitionSeconds,
                nmeaCounts);
    }

    private static void addNmeaCounts(Map<String, Long> into, GpsReceiver r) {
        r.framingCounters().rejectsByReason().forEach((reason, n) -> into.merge("framing rejected: " + reason, n, Long::sum));
        into.merge("framing rejected bytes", r.framingCounters().rejectedBytes(), Long::sum);
        into.merge("sentences with a valid checksum", r.framingCounters().verifiedSentences(), Long::sum);
        r.decodeCounters().malformedByReason().forEach((reason, n) -> into.merge("malformed: " + reason, n, Long::sum));
        r.decodeCounters().unknownByType().forEach((type, n) -> into.merge("unknown sentence: " + type, n, Long::sum));
        into.merge("receiver epochs", r.epochs(), Long::sum);
        into.merge("receiver epochs with a valid fix", r.validEpochs(), Long::sum);
    }

    /** One client exchange whose local clock is the truth and whose network takes no time. */
    private static DrillTimeline.Row ask(NtpResponder responder, ReferenceClock ref, SoftwareCorrectedClock served,
                                         SimulatedHost host, long trueNanos, long second, long nonce) {
        UtcTime truth = host.trueUtc(trueNanos);
        UtcTime servedNow = served.fromRealtime(host.realtimeAt(trueNanos));
        ByteBuffer reply = ByteBuffer.allocate(NtpPacket.HEADER_LENGTH);
        ServerAction action = responder.handle(ClientQuery.request(nonce), servedNow, ref.current(), () -> servedNow, reply);
        var status = ref.status();
        if (!(action instanceof ServerAction.Respond r)) {
            throw new IllegalStateException("the responder dropped a valid client request: " + action);
        }
        reply.limit(r.length());
        ClientOutcome outcome = ClientQuery.judge(reply, nonce, truth, truth);
        NtpPacket p;
        long offset;
        boolean answered;
        switch (outcome) {
            case ClientOutcome.Answer a -> {
                p = a.reply();
                offset = a.offsetNanos();
                answered = true;
            }
            case ClientOutcome.Unsynchronised u -> {
                p = u.reply();
                offset = u.offsetNanos();
                answered = false;
            }
            default -> throw new IllegalStateException("the client could not use the reply: " + outcome);
        }
        return new DrillTimeline.Row(second, status.state(), status.reason(), answered, p.stratum(), p.refId().ascii().strip(),
                p.leap(), p.rootDispersion().toSeconds(), offset / 1e9, status.leapSecondsExpired());
    }
}
