package io.gnomon.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.leap.LeapSecondTables;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A short version of `sim-accuracy --thermal-holdover` (4 h locked, 4 h holdover, one seed): the bound covers the
 * error with the temperature model, also outside the learnt range and with a failing sensor, and the temperature
 * model beats the plain one by far. The full figures are a command (docs/ACCURACY.md), not a timed test.
 */
class ThermalHoldoverSimulationTest {
    private static final long LOCKED = 4 * 3600;
    private static final long HOLDOVER = 4 * 3600;
    private final LeapSecondTable leaps = LeapSecondTables.shipped();

    private ScenarioResult run(ThermalScenarios.Variant v, boolean learn) {
        ThermalScenarios.Run r = ThermalScenarios.run(leaps, 1, v, LOCKED, HOLDOVER);
        return ScenarioRunner.runWithTemperature(r.scenario(), r.sensor(), learn, c -> { });
    }

    @Test
    void temperatureModelBoundCoversAndBeatsThePlainModel() {
        ScenarioResult plain = run(ThermalScenarios.Variant.LOAD_AND_DAILY, false);
        ScenarioResult thermal = run(ThermalScenarios.Variant.LOAD_AND_DAILY, true);
        assertTrue(thermal.counts().containsKey("holdover following temperature"), thermal.counts().toString());
        assertTrue(thermal.holdoverCoverage() >= 0.999, thermal.summary());
        assertTrue(plain.holdoverCoverage() >= 0.999, plain.summary());
        assertTrue(thermal.worstHoldoverErrorSeconds() < plain.worstHoldoverErrorSeconds() / 5,
                thermal.worstHoldoverErrorSeconds() + " vs plain " + plain.worstHoldoverErrorSeconds());
        assertTrue(Double.isNaN(thermal.secondsToUnsynchronised())
                || thermal.secondsToUnsynchronised() > 3 * plain.secondsToUnsynchronised(), thermal.summary());
    }

    @Test
    void boundStillCoversOutsideTheLearntRange() {
        ScenarioResult r = run(ThermalScenarios.Variant.OUTSIDE_RANGE, true);
        assertTrue(r.holdoverCoverage() >= 0.999, r.summary());
    }

    @Test
    void aFailingSensorIsCountedOnceAndTheBoundStillCovers() {
        ThermalScenarios.Run r = ThermalScenarios.run(leaps, 1, ThermalScenarios.Variant.FAILING_SENSOR, LOCKED, HOLDOVER);
        // fails 6 h into holdover: move the failure into this short run
        SimulatedTemperatureSensor early = r.sensor().failingAt(LOCKED + 3600);
        ScenarioResult res = ScenarioRunner.runWithTemperature(r.scenario(), early, true, c -> { });
        assertTrue(res.counts().getOrDefault("temperature sensor gave no reading: carrying on without temperature", 0L) == 1,
                res.counts().toString());
        assertTrue(res.holdoverCoverage() >= 0.999, res.summary());
    }

    @Test
    void plainRunLearnsNothing() {
        ThermalScenarios.Run r = ThermalScenarios.run(leaps, 1, ThermalScenarios.Variant.LOAD_AND_DAILY, 600, 60);
        Optional<?>[] learnt = {null};
        ScenarioRunner.runWithTemperature(r.scenario(), r.sensor(), false, c -> learnt[0] = c);
        assertTrue(learnt[0].isEmpty());
    }
}
