package io.gnomon.sim;

import io.gnomon.discipline.SoftwareCorrectedClock;
import io.gnomon.gps.EpochTime;
import io.gnomon.ntp.ClientOutcome;
import io.gnomon.ntp.ClientQuery;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.ServerAction;
import io.gnomon.pps.PpsEdge;
import io.gnomon.refclock.ReferenceClock;
import io.gnomon.refclock.StateChange;
import io.gnomon.time.HostTime;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a {@link Drill} in virtual time: simulated PPS and receiver feed the real reference clock, the served clock
 * follows its estimate, and at each checkpoint a real client request goes through the real {@link NtpResponder};
 * the decoded reply becomes a row of the client-visible timeline. Pure: no real clock, socket or thread.
 */
public final class DrillRunner {
    private static final long NS = 1_000_000_000L;

    private DrillRunner() {}

    public static DrillTimeline run(Drill d) {
        Scenario s = d.scenario();
        SplittableRandom root = new SplittableRandom(s.seed());
        VirtualClock clock = new VirtualClock();
        SimulatedHost host = new SimulatedHost(clock, new Oscillator(s.oscillator(), root.split()), s.leaps(), s.start(),
                s.bootErrorNanos(), 5_000 * NS);
        ReferenceClock ref = new ReferenceClock(s.reference(), s.leaps(), host::realtimeMinusMonotonicNanos, s.savedFrequency());
        SoftwareCorrectedClock served = new SoftwareCorrectedClock(host.realtimeClock(), s.leaps(), null);
        List<StateChange> transitions = new ArrayList<>();
        Consumer<List<StateChange>> after = changes -> {
            transitions.addAll(changes);
            served.apply(ref.servingEstimate());
        };

        // every edge the reference clock sees gets our own sequence number; real ones remember their true time
        Map<Long, Long> trueNanosOfEdge = new HashMap<>();
        long[] sequence = {0};
        Consumer<Long> edgeAt = trueNanos -> {
            long seq = ++sequence[0];
            HostTime stamp = host.realtimeAt(trueNanos);
            after.accept(ref.onEdge(new PpsEdge(seq, stamp), host.monotonicAt(clock.nowNanos())));
        };
        long startTai = host.trueTai(0).nanos();
        long[] mislabelled = {0};
        ref.onLabelled(e -> {
            Long t = trueNanosOfEdge.get(e.sequence());
            long trueSecond = t == null ? Long.MIN_VALUE : Math.round((startTai + t) / (double) NS) * NS;
            if (trueSecond != e.second().nanos()) {
                mislabelled[0]++;
            }
        });
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
            after.accept(ref.onEpoch(seen, host.monotonicAt(clock.nowNanos())));
        };
        ReceiverModel model = s.receiver();
        SimulatedGpsReceiver gps = new SimulatedGpsReceiver(host, model,
                s.delayNanosAtSecond() != null ? s.delayNanosAtSecond() : n -> model.delayNanos(),
                n -> s.faults() == null ? null : s.faults().apply(n), root.split(), null, epochs);
        pps[0].start();
        gps.start();
        for (Drill.HostStep step : d.hostSteps()) {
            clock.schedule(step.atNanos(), () -> host.stepRealtime(step.deltaNanos()));
        }

        NtpResponder responder = new NtpResponder();
        SplittableRandom nonces = root.split();
        List<DrillTimeline.Row> rows = new ArrayList<>();
        for (long k = 0; k < s.durationSeconds(); k++) {
            long at = k * NS + NS / 2;
            long second = k;
            clock.schedule(at, () -> {
                after.accept(ref.onTick(host.monotonicAt(clock.nowNanos())));
                if (second % d.checkpointSeconds() == 0 && second > 0) {
                    rows.add(ask(responder, ref, served, host, clock.nowNanos(), second, nonces.nextLong()));
                }
            });
        }
        clock.runUntil(s.durationSeconds() * NS);
        return new DrillTimeline(d, rows, transitions, ref.status().counts(), mislabelled[0]);
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
                p.leap(), p.rootDispersion().toSeconds(), offset / 1e9);
    }
}
