package io.gnomon.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.sim.Scenario;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DrillsTest {

    @TestFactory
    Stream<DynamicTest> everyDrillPasses() {
        return Drills.all().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            DrillTimeline t = DrillRunner.run(d);
            System.out.println(t.format());
            assertEquals(List.of(), t.failures(), t.format());
            assertFalse(t.rows().isEmpty());
        }));
    }

    @Test
    void namesAreUniqueAndFindable() {
        List<String> names = Drills.all().stream().map(Drill::name).toList();
        assertEquals(names.size(), names.stream().distinct().count());
        names.forEach(n -> assertTrue(Drills.named(n).isPresent(), n));
        assertTrue(Drills.named("no-such-drill").isEmpty());
    }

    @Test
    void theChecksCanFail() {
        // the honest run judged by a drill whose PPS was really lost: the assertions must see the difference
        Drill honest = Drills.spuriousPulses();
        Drill lying = new Drill(honest.name(), honest.summary(), honest.scenario(), n -> n < 300, honest.edgeDropped(),
                0, honest.nmeaShiftSeconds(), honest.checkpointSeconds(), honest.assertions(), honest.check());
        assertFalse(DrillRunner.run(lying).failures().isEmpty());
    }

    @Test
    void theHostClockStepDrillFailsWithoutStepDetection() {
        Drill d = Drills.hostClockStepped();
        Scenario s = d.scenario();
        Scenario blind = new Scenario(s.name(), s.seed(), s.start(), s.durationSeconds(), s.oscillator(), s.pps(),
                s.receiver(), s.delayNanosAtSecond(), s.faults(), s.unplugAfterSeconds(), s.bootErrorNanos(),
                s.savedFrequency(), s.reference().withHostStepThreshold(Long.MAX_VALUE), s.leaps(), s.warmupSeconds(),
                s.throughNmeaBytes());
        Drill without = new Drill(d.name(), d.summary(), blind, d.ppsPresent(), d.edgeDropped(), d.spuriousPerSecond(),
                d.nmeaShiftSeconds(), d.checkpointSeconds(), d.assertions(), d.check(), d.hostSteps());
        // without it, the served time followed the step: 3 s wrong as "PPS locked, stratum 1" until the model restarted
        assertFalse(DrillRunner.run(without).failures().isEmpty());
    }
}
