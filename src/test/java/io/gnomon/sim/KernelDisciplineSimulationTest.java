package io.gnomon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.discipline.KernelDiscipline;
import io.gnomon.drill.Drills;
import io.gnomon.fault.GpsFault;
import io.gnomon.refclock.LeapSecondTable;
import org.junit.jupiter.api.Test;

/** The whole kernel-discipline loop in simulated time: the simulated host clock is steered, served time stays exact. */
class KernelDisciplineSimulationTest {
    private final LeapSecondTable leaps = Drills.leaps();

    /** Six simulated hours (a day takes ~7 s of CPU; its figures are in docs/ACCURACY.md, `sim-accuracy --clock-discipline kernel`). */
    @Test
    void simulatedHoursConvergeTheHostClockAndKeepServedTimeExact() {
        Scenario s = Scenarios.accuracy(leaps, 6 * 3600);
        KernelRunResult r = ScenarioRunner.runWithKernelDiscipline(s, KernelDiscipline.Settings.defaults(), 12.5, 3600);
        System.out.println(r.served().summary());
        System.out.println(r.summary());
        // served time: the accuracy targets hold while the kernel is being steered
        assertTrue(r.served().rmsErrorNanos() <= 500, r.served().summary());
        assertTrue(r.served().maxErrorNanos() <= 3_000, r.served().summary());
        assertEquals(0, r.served().mislabelledEdges());
        // the host clock: stepped once (it boots 250 ms off), then slewed in and kept there
        assertEquals(1, r.steps(), r.notes().toString());
        assertTrue(r.hostRmsNanos() <= 1_000, r.summary());
        assertTrue(r.hostMaxNanos() <= 5_000, r.summary());
        assertTrue(r.secondsToWithin10us() < 600, r.summary());
        assertTrue(Math.abs(r.finalFrequencyPpm() + 30) < 2, "the kernel cancels the oscillator's ≈30 ppm: " + r.summary());
        assertTrue(r.notes().getFirst().contains("as found: frequency +12.500 ppm"), r.notes().toString());
        // the model was told of every change: it never restarted, never saw a foreign step
        assertTrue(r.served().counts().keySet().stream().noneMatch(k -> k.contains("another process")),
                r.served().counts().toString());
        assertEquals(1, r.served().counts().get("host clock stepped by -0.250 s by kernel discipline"),
                r.served().counts().toString());
    }

    @Test
    void theKernelInsertsTheLeapSecondAndNothingIsDisturbed() {
        KernelRunResult r = ScenarioRunner.runWithKernelDiscipline(Scenarios.leapSecond(leaps, 1200),
                KernelDiscipline.Settings.defaults(), 0, 600);
        System.out.println(r.served().summary());
        System.out.println(r.summary());
        assertEquals(1, r.leapsApplied(), r.notes().toString());
        assertEquals(1, r.served().counts().get("host clock stepped by -1.000 s: the kernel applied the leap second"),
                r.served().counts().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("STA_INS set")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("leap second bits cleared")), r.notes().toString());
        assertTrue(r.served().maxErrorNanos() <= 3_000, r.served().summary());
        assertTrue(r.hostMaxNanos() <= 5_000, "host clock across the leap: " + r.summary());
        assertTrue(r.served().transitions().stream().filter(c -> c.isTransition())
                .dropWhile(c -> c.to() != io.gnomon.refclock.LockState.PPS_LOCKED).skip(1).findAny().isEmpty(),
                r.served().transitions().toString());
    }

    @Test
    void theLoopStaysOutOfTheWayWhileTheReferenceDoesNotVouch() {
        // the 1980 cold start: ten minutes of implausible dates, the kernel clock is not touched until lock
        Scenario s = Scenarios.labelling("1980 cold start", leaps, 900, ReceiverModel.mtk3339(), null,
                n -> n < 600 ? GpsFault.COLD_START_1980 : null, SimulatedPps.Params.clean(1_000));
        KernelRunResult r = ScenarioRunner.runWithKernelDiscipline(s, KernelDiscipline.Settings.defaults(), 5, 0);
        assertTrue(r.notes().get(1).contains("STA_UNSYNC set"), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("STA_UNSYNC cleared")), r.notes().toString());
        assertEquals(0, r.served().mislabelledEdges());
    }
}
