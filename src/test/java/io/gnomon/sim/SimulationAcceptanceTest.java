package io.gnomon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.leap.LeapSecondTables;
import io.gnomon.refclock.LockState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The acceptance figures, on shorter spans than the full-day `gnomon sim-accuracy` run. */
class SimulationAcceptanceTest {
    private final LeapSecondTable leaps = LeapSecondTables.shipped();

    @Test
    void servedTimeIsWithinHalfAMicrosecondRmsAndThreeMax() {
        ScenarioResult r = ScenarioRunner.run(Scenarios.accuracy(leaps, 3 * 3600));
        System.out.println(r.summary());
        assertEquals(0, r.mislabelledEdges());
        assertTrue(r.lockedSamples() > 3 * 3600 - 900, r.summary());
        assertTrue(r.rmsErrorNanos() <= 500, r.summary());
        assertTrue(r.maxErrorNanos() <= 3_000, r.summary());
    }

    @Test
    void stratumOneWithinTenSecondsOfTheFirstFixAndFiveWithASavedFrequency() {
        ScenarioResult cold = ScenarioRunner.run(Scenarios.accuracy(leaps, 60));
        assertTrue(cold.secondsToStratum1() <= 10, cold.summary());
        Scenario s = Scenarios.accuracy(leaps, 60);
        Scenario saved = new Scenario(s.name() + " saved frequency", s.seed(), s.start(), 60, s.oscillator(), s.pps(),
                s.receiver(), null, null, -1, s.bootErrorNanos(), Optional.of(30e-6), s.reference(), leaps, 60, false);
        ScenarioResult warm = ScenarioRunner.run(saved);
        System.out.println(cold.summary() + "\n" + warm.summary());
        assertTrue(warm.secondsToStratum1() <= 5, warm.summary());
    }

    @Test
    void holdoverBoundCoversTheErrorAndEndsInUnsynchronised() {
        ScenarioResult r = ScenarioRunner.run(Scenarios.holdover(leaps, 3600, 6 * 3600));
        System.out.println(r.summary());
        assertTrue(r.holdoverSamples() > 6 * 3600 - 10, r.summary());
        assertTrue(r.holdoverCoverage() >= 0.999, r.summary());
        assertTrue(r.secondsToUnsynchronised() > 0, r.summary());
        assertTrue(r.transitions().stream().anyMatch(t -> t.to() == LockState.HOLDOVER), r.transitions().toString());
        assertEquals(LockState.UNSYNCHRONISED, r.transitions().getLast().to(), r.transitions().toString());
    }
}
