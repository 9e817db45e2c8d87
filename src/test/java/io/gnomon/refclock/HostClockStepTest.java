package io.gnomon.refclock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.gps.EpochTime;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.leap.LeapSecondTables;
import io.gnomon.pps.PpsEdge;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Host clock steps seen through the realtime − monotonic bridge: a hand-made host whose realtime can be stepped,
 * edges with 1 µs noise, stamped in CLOCK_REALTIME (kernel PPS) unless a test says otherwise.
 */
class HostClockStepTest {
    private static final long NS = 1_000_000_000L;
    private static final long MONO0 = 1000 * NS;
    private final LeapSecondTable leaps = LeapSecondTables.shipped();
    private final SplittableRandom random = new SplittableRandom(11);
    private final List<StateChange> changes = new ArrayList<>();

    /** True time runs from {@code start}; host realtime = true UTC (POSIX) + offset; monotonic = true elapsed. */
    private final class Host {
        final UtcTime start;
        final TaiTime startTai;
        long offset;
        long bridgeNoise;
        long seq;
        final ReferenceClock clock;

        Host(String start, long threshold) {
            this.start = UtcTime.of(Instant.parse(start));
            this.startTai = leaps.toTai(this.start, false);
            LabellerConfig l = LabellerConfig.defaults(UtcTime.ofEpochSecond(this.start.epochSecond() - 100 * 86_400L));
            ReferenceConfig d = ReferenceConfig.defaults(l);
            ReferenceConfig c = new ReferenceConfig(d.labeller(), d.model(), d.lockBoundSeconds(), d.holdoverLimitSeconds(),
                    d.ppsTimeoutSeconds(), d.deviceTimeoutSeconds(), d.nmeaOnlyAllowed(), threshold);
            clock = new ReferenceClock(c, leaps, this::bridge, Optional.empty());
        }

        long misreadNext; // the next bridge read is off by this much, once (a read preempted between its clocks)

        long bridge() {
            long noise = bridgeNoise == 0 ? 0 : Math.round(random.nextGaussian() * bridgeNoise);
            long misread = misreadNext;
            misreadNext = 0;
            return start.epochNanos() + offset - MONO0 + noise + misread;
        }

        TaiTime tai(long s, long nanos) {
            return startTai.plusNanos(s * NS + nanos);
        }

        /** Host realtime when true time is {@code tai}: POSIX UTC of it (23:59:59 repeats) + the host's offset. */
        RealtimeTime realtime(long s, long nanos) {
            return new RealtimeTime(start.epochNanos() + s * NS + nanos + offset);
        }

        MonotonicTime mono(long s, long nanos) {
            return new MonotonicTime(MONO0 + s * NS + nanos);
        }

        void edge(long s) {
            long noise = Math.round(random.nextGaussian() * 1000);
            changes.addAll(clock.onEdge(new PpsEdge(++seq, realtime(s, noise)), mono(s, 10_000)));
        }

        void epochAndTick(long s) {
            TaiTime t = tai(s, 0);
            UtcTime label = leaps.toUtc(t);
            boolean leap = !leaps.toTai(label, false).equals(t);
            changes.addAll(clock.onEpoch(new EpochTime.Asserted(label, leap, mono(s, 150_000_000L)), mono(s, 200_000_000L)));
            changes.addAll(clock.onTick(mono(s, 700_000_000L)));
        }

        void second(long s) {
            edge(s);
            epochAndTick(s);
        }

        /** Served − true, ns, half a second after true second s (continuous time: immune to the repeated 23:59:59). */
        long servedError(long s) {
            ClockEstimate e = clock.servingEstimate().orElseThrow();
            return e.trueTimeAt(realtime(s, NS / 2)).nanosSince(tai(s, NS / 2));
        }

        long count(String reason) {
            return clock.status().counts().getOrDefault(reason, 0L);
        }
    }

    private Host locked(String start, long threshold, long seconds) {
        Host h = new Host(start, threshold);
        for (long s = 0; s < seconds; s++) {
            h.second(s);
        }
        assertEquals(LockState.PPS_LOCKED, h.clock.status().state(), h.clock.status().reason());
        return h;
    }

    @Test
    void aStepByAnotherProcessIsAppliedToTheModelNotARestart() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 120);
        long labelledBefore = h.clock.status().labelledEdges();
        double frequencyBefore = h.clock.status().frequencyPpm();
        changes.clear();
        h.offset += 3 * NS; // date -s, half a second after the edge of second 119
        for (long s = 120; s < 240; s++) {
            h.second(s);
            assertTrue(Math.abs(h.servedError(s)) < 5_000, "second " + s + ": " + h.servedError(s) + " ns");
            assertEquals(LockState.PPS_LOCKED, h.clock.status().state(), h.clock.status().reason());
        }
        assertEquals(1, h.count("host clock stepped by +3.000 s by another process"), h.clock.status().counts().toString());
        assertEquals(List.of("host clock stepped by +3.000 s by another process"),
                changes.stream().map(StateChange::reason).toList());
        assertFalse(changes.getFirst().isTransition());
        assertTrue(changes.getFirst().logLine().startsWith("PPS locked, unchanged: host clock stepped by +3.000 s"));
        assertEquals(0, h.count("clock model restarted: the receiver's seconds moved"));
        assertTrue(h.clock.status().labelledEdges() >= labelledBefore + 119,
                "edges kept being labelled: " + (h.clock.status().labelledEdges() - labelledBefore));
        assertEquals(frequencyBefore, h.clock.status().frequencyPpm(), 0.01);
        // the operator's offset (host − UTC) shows the step
        assertEquals(3.0, h.clock.status().offsetNanos() / 1e9, 1e-5);
    }

    @Test
    void aCheckBetweenCallsAppliesTheStepBeforeTheNextEdgeArrives() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 120);
        assertEquals(List.of(), h.clock.checkHostClock(h.mono(119, 750_000_000L)), "no step: nothing to say");
        h.offset += 3 * NS; // another process steps the clock at 119.8
        assertTrue(Math.abs(h.servedError(119)) > 2 * NS, "until checked, served in the old scale");
        List<StateChange> found = h.clock.checkHostClock(h.mono(119, 810_000_000L));
        assertEquals(List.of("host clock stepped by +3.000 s by another process"),
                found.stream().map(StateChange::reason).toList());
        assertTrue(Math.abs(h.servedError(119)) < 5_000, "re-expressed at once: " + h.servedError(119) + " ns");
        assertEquals(List.of(), h.clock.checkHostClock(h.mono(119, 820_000_000L)), "and counted once");
        for (long s = 120; s < 130; s++) {
            h.second(s);
            assertTrue(Math.abs(h.servedError(s)) < 5_000, "second " + s + ": " + h.servedError(s) + " ns");
        }
        assertEquals(1, h.count("host clock stepped by +3.000 s by another process"));
        assertEquals(LockState.PPS_LOCKED, h.clock.status().state());
    }

    @Test
    void withoutDetectionTheSameStepIsNotFollowed() {
        // the same step with detection switched off: the served time is 3 s wrong until the model gives up
        Host h = locked("2026-03-01T00:00:00Z", Long.MAX_VALUE, 120);
        h.offset += 3 * NS;
        h.second(120);
        assertTrue(Math.abs(h.servedError(120)) > NS, "served error " + h.servedError(120));
    }

    @Test
    void bridgeReadingNoiseBelowTheThresholdIsNotAStep() {
        Host h = new Host("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS);
        h.bridgeNoise = 100_000; // σ 100 µs: far worse than a real back-to-back read
        for (long s = 0; s < 200; s++) {
            h.second(s);
        }
        assertTrue(h.clock.status().counts().keySet().stream().noneMatch(k -> k.startsWith("host clock stepped")),
                h.clock.status().counts().toString());
        assertTrue(changes.stream().allMatch(StateChange::isTransition));
    }

    @Test
    void aSingleMisreadOfTheBridgeIsNotAStep() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 60);
        h.misreadNext = 5_000_000L;
        h.second(60);
        for (long s = 61; s < 70; s++) {
            h.second(s);
            assertTrue(Math.abs(h.servedError(s)) < 5_000, "second " + s + ": " + h.servedError(s));
        }
        assertTrue(h.clock.status().counts().keySet().stream().noneMatch(k -> k.startsWith("host clock stepped")),
                h.clock.status().counts().toString());
        assertEquals(1, h.count("host clock bridge misread once (not a step)"));
    }

    @Test
    void aStepJustOverTheThresholdCountsAndOneJustUnderDoesNot() {
        Host h = locked("2026-03-01T00:00:00Z", 1_000_000L, 60);
        h.offset += 900_000; // 0.9 ms: under the threshold, left to the model (an outlier run, if anything)
        h.second(60);
        assertTrue(h.clock.status().counts().keySet().stream().noneMatch(k -> k.startsWith("host clock stepped")));
        h.offset += 1_200_000;
        h.second(61);
        assertEquals(1, h.count("host clock stepped by +0.001 s by another process"), h.clock.status().counts().toString());
    }

    @Test
    void theKernelInsertingALeapSecondIsAStepThatDisturbsNothing() {
        // locked ten minutes before the 2016-12-31 leap second; at 23:59:60 the kernel sets realtime back 1 s
        Host h = locked("2016-12-31T23:50:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 600);
        changes.clear();
        for (long s = 600; s < 720; s++) {
            if (s == 600) {
                h.offset -= NS; // the leap second begins: POSIX time repeats 23:59:59 (our realtime() already does)
            }
            h.second(s);
            assertEquals(LockState.PPS_LOCKED, h.clock.status().state(), h.clock.status().reason());
            assertTrue(Math.abs(h.servedError(s)) < 5_000, "second " + s + ": " + h.servedError(s) + " ns");
        }
        assertEquals(1, h.count("host clock stepped by -1.000 s: the kernel applied the leap second"),
                h.clock.status().counts().toString());
        assertEquals(0, h.clock.status().offsetNanos() / 1e9, 1e-5);
        assertTrue(changes.stream().noneMatch(StateChange::isTransition), changes.toString());
    }

    @Test
    void anEdgeStampedJustAfterAForwardStepIsUsed() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 100);
        h.offset += 2 * NS; // found by the edge's own call; its stamp can only have been taken after the step
        h.second(100);
        assertEquals(0, h.count("PPS edge stamped while the host clock stepped: not used"));
        assertEquals(1, h.count("host clock stepped by +2.000 s by another process"));
    }

    @Test
    void aOneSecondStepOnAnOrdinaryDayIsAnotherProcess() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 60);
        h.offset -= NS;
        h.second(60);
        assertEquals(1, h.count("host clock stepped by -1.000 s by another process"));
    }

    @Test
    void anEdgeStampedBeforeAStepAndProcessedAfterItIsCarriedAcross() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 100);
        // the edge of second 100 is stamped, then the clock is stepped and a tick notices, then the edge arrives
        RealtimeTime stamped = h.realtime(100, 0);
        h.offset += 2 * NS;
        changes.addAll(h.clock.onTick(h.mono(100, 500)));
        changes.addAll(h.clock.onEdge(new PpsEdge(++h.seq, stamped), h.mono(100, 10_000)));
        h.epochAndTick(100);
        assertEquals(0, h.count("PPS edge stamped while the host clock stepped: not used"));
        for (long s = 101; s < 140; s++) {
            h.second(s);
        }
        assertEquals(0, h.clock.status().counts().getOrDefault("clock model restarted: the receiver's seconds moved", 0L));
        assertTrue(Math.abs(h.servedError(139)) < 5_000);
    }

    @Test
    void anEdgeThatMayHaveBeenStampedEitherSideOfTheStepIsNotUsed() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 100);
        // between the tick of second 99 and the edge of 100, back by 0.3 s: the edge's own call finds the step, and
        // its stamp fits both "taken just after the step" and "taken 0.3 s before the step, delivered late"
        h.offset -= 300_000_000L;
        h.second(100);
        assertEquals(1, h.count("PPS edge stamped while the host clock stepped: not used"));
        h.second(101);
        assertEquals(1, h.count("PPS edge stamped while the host clock stepped: not used"), "only that one edge");
        assertEquals(LockState.PPS_LOCKED, h.clock.status().state());
    }

    @Test
    void ourOwnStepIsAppliedOnceAndNotMistakenForAnotherProcess() {
        Host h = locked("2026-03-01T00:00:00Z", ReferenceConfig.DEFAULT_HOST_STEP_THRESHOLD_NANOS, 100);
        h.offset -= 250_000_000L; // kernel discipline: ADJ_SETOFFSET, then it tells the reference clock
        changes.clear();
        changes.addAll(h.clock.hostClockStepped(-250_000_000L, h.mono(99, 800_000_000L)));
        for (long s = 100; s < 130; s++) {
            h.second(s);
            assertTrue(Math.abs(h.servedError(s)) < 5_000, "second " + s + ": " + h.servedError(s));
        }
        assertEquals(1, h.count("host clock stepped by -0.250 s by kernel discipline"), h.clock.status().counts().toString());
        assertTrue(h.clock.status().counts().keySet().stream().noneMatch(k -> k.endsWith("by another process")));
        assertEquals(LockState.PPS_LOCKED, h.clock.status().state());
    }
}
