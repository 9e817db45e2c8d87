package io.gnomon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.fault.GpsFault;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.LeapSecondTables;
import io.gnomon.refclock.LockState;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Zero mislabelled seconds, whatever the receiver does. */
class LabellingScenariosTest {
    private final LeapSecondTable leaps = LeapSecondTables.shipped();
    private static final SimulatedPps.Params CLEAN = SimulatedPps.Params.clean(1_000);

    private ScenarioResult run(String name, long seconds, ReceiverModel receiver, java.util.function.LongUnaryOperator delay,
                               LongFunction<GpsFault> faults, SimulatedPps.Params pps) {
        Scenario s = Scenarios.labelling(name, leaps, seconds, receiver, delay, faults, pps);
        ScenarioResult r = ScenarioRunner.run(s);
        System.out.println(r.summary());
        assertEquals(0, r.mislabelledEdges(), r.summary());
        // the same run through the real NMEA bytes → framer → decoder → epoch path
        ScenarioResult b = ScenarioRunner.run(s.throughNmeaBytes(true));
        System.out.println(b.summary() + " " + b.counts());
        assertEquals(0, b.mislabelledEdges(), b.summary());
        assertTrue(b.labelledEdges() >= r.labelledEdges() - 60, b.summary() + " " + b.counts());
        return r;
    }

    private static void assertMostlyLabelled(ScenarioResult r, long atLeast) {
        assertTrue(r.labelledEdges() >= atLeast, r.summary() + " " + r.counts() + " " + r.transitions());
    }

    @Test
    void mtk3339At500Milliseconds() {
        assertMostlyLabelled(run("MTK3339 500 ms", 1200, ReceiverModel.mtk3339(), null, null, CLEAN), 1190);
    }

    @Test
    void ubloxAt100Milliseconds() {
        assertMostlyLabelled(run("u-blox 100 ms", 1200, ReceiverModel.ublox(), null, null, CLEAN), 1190);
    }

    @Test
    void delayDriftingBetween100And500Milliseconds() {
        assertMostlyLabelled(run("delay drifting 100-500 ms", 2400, ReceiverModel.mtk3339(), Scenarios.drifting(1200), null, CLEAN), 2380);
    }

    @Test
    void spuriousAndMissingPulses() {
        ScenarioResult r = run("spurious and missing pulses", 2400, ReceiverModel.mtk3339(), null, null,
                new SimulatedPps.Params(1_000, 0.05, 0.2, SimulatedPps.Stamping.REALTIME));
        assertMostlyLabelled(r, 2000);
        long rejected = r.counts().getOrDefault("PPS edge off the one-second grid", 0L)
                + r.counts().getOrDefault("PPS edge less than a second after the previous one", 0L);
        assertTrue(rejected > 400, r.counts().toString());
        assertTrue(r.spuriousLabelled() <= 2, r.summary()); // only a pulse within ~1 ms of a true edge can pass the grid
        assertTrue(r.maxErrorNanos() < 3_000, r.summary());
    }

    @Test
    void gpiodStampedEdgesInTheMonotonicDomain() {
        ScenarioResult r = run("monotonic-stamped PPS", 600, ReceiverModel.ublox(), null, null,
                new SimulatedPps.Params(1_000, 0, 0, SimulatedPps.Stamping.MONOTONIC));
        assertMostlyLabelled(r, 590);
        assertTrue(r.maxErrorNanos() < 3_000, r.summary());
    }

    @Test
    void coldStartWith1980DatesIsNeverBelieved() {
        ScenarioResult r = run("1980 cold start", 600, ReceiverModel.mtk3339(), null,
                n -> n < 120 ? GpsFault.COLD_START_1980 : null, CLEAN);
        assertMostlyLabelled(r, 470);
        assertTrue(r.counts().get("receiver date before the earliest plausible date") >= 110, r.counts().toString());
        assertTrue(r.transitions().getFirst().to() != LockState.PPS_LOCKED);
    }

    @Test
    void weekRolloverDatesMidRunAreRefusedAndLockHolds() {
        ScenarioResult r = run("week rollover", 900, ReceiverModel.ublox(), null,
                n -> n >= 300 && n < 400 ? GpsFault.WEEK_ROLLOVER : null, CLEAN);
        // counting goes on for 60 s without a confirming epoch, then labelling stops until the dates are sane again
        assertMostlyLabelled(r, 850);
        assertTrue(r.counts().get("receiver date before the earliest plausible date") >= 95, r.counts().toString());
        assertTrue(r.transitions().stream().anyMatch(t -> t.to() == LockState.HOLDOVER), r.transitions().toString());
        assertEquals(LockState.PPS_LOCKED, r.transitions().getLast().to(), r.transitions().toString());
    }

    @Test
    void fixLossAndGarbage() {
        ScenarioResult r = run("fix loss and garbage", 900, ReceiverModel.ublox(), null,
                n -> n >= 300 && n < 330 ? GpsFault.FIX_LOSS : n % 37 == 0 ? GpsFault.GARBAGE : null, CLEAN);
        assertMostlyLabelled(r, 880);
        assertTrue(r.counts().get("receiver: no fix") >= 29, r.counts().toString());
    }

    @Test
    void receiverThatSendsBeforeTheEdge() {
        assertMostlyLabelled(run("sends 300 ms before the edge", 600, ReceiverModel.ublox().sendingBeforeEdge(300_000_000L),
                null, null, CLEAN), 590);
    }

    @Test
    void delayNearOneSecondIsAmbiguousAndNothingIsLabelled() {
        ScenarioResult r = run("delay 990 ms", 600, ReceiverModel.mtk3339().withDelay(990_000_000L), null, null, CLEAN);
        assertEquals(0, r.labelledEdges(), r.summary());
        assertTrue(r.transitions().stream().noneMatch(t -> t.to().serving()), r.transitions().toString());
    }

    @Test
    void leapSecondInsertion() {
        ScenarioResult r = ScenarioRunner.run(Scenarios.leapSecond(leaps, 1200));
        System.out.println(r.summary() + " " + r.counts());
        ScenarioResult b = ScenarioRunner.run(Scenarios.leapSecond(leaps, 1200).throughNmeaBytes(true));
        System.out.println(b.summary() + " " + b.counts());
        assertEquals(0, b.mislabelledEdges(), b.summary());
        assertTrue(b.labelledEdges() >= 1190, b.summary());
        assertEquals(0, r.mislabelledEdges(), r.summary());
        assertTrue(r.labelledEdges() >= 1190, r.summary());
        assertTrue(r.leapIndicators().contains(LeapIndicator.INSERT_SECOND), r.leapIndicators().toString());
        assertTrue(r.maxErrorNanos() < 3_000, r.summary());
    }
}
