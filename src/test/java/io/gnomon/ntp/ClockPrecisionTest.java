package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ClockPrecisionTest {

    @Test
    void smallestPositiveStepRoundedUpToAPowerOfTwoSeconds() {
        assertEquals(-29, ClockPrecision.log2SecondsOfStep(1));
        assertEquals(-20, ClockPrecision.log2SecondsOfStep(953));
        assertEquals(-19, ClockPrecision.log2SecondsOfStep(954));
        assertEquals(-19, ClockPrecision.log2SecondsOfStep(1_000));
        assertEquals(-6, ClockPrecision.log2SecondsOfStep(10_000_000));
        assertEquals(0, ClockPrecision.log2SecondsOfStep(1_000_000_000));
        assertEquals(1, ClockPrecision.log2SecondsOfStep(1_000_000_001));
        assertEquals(34, ClockPrecision.log2SecondsOfStep(Long.MAX_VALUE));
    }

    @Test
    void coarseTickWinsOverRepeatedReadings() {
        // a 10 ms tick read many times per tick: equal readings, then a 10 ms jump
        long[] jiffies = {0, 0, 0, 10_000_000, 10_000_000, 20_000_000};
        assertEquals(-6, ClockPrecision.log2Seconds(jiffies));
    }

    @Test
    void fineClockGivesTheCostOfAReadAndIgnoresStepsBack() {
        long[] readings = {1_000, 1_070, 1_135, 500, 570, 700};
        assertEquals(-23, ClockPrecision.log2Seconds(readings), "smallest step 65 ns ≤ 2^-23 s (119 ns)");
    }

    @Test
    void noPositiveStepIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ClockPrecision.log2Seconds(new long[] {5, 5, 5}));
        assertThrows(IllegalArgumentException.class, () -> ClockPrecision.log2Seconds(new long[] {5}));
    }

    @Property
    void resultIsTheTightestPowerOfTwoAboveTheStep(@ForAll @LongRange(min = 1, max = 100_000_000_000L) long step) {
        int p = ClockPrecision.log2SecondsOfStep(step);
        double stepSeconds = step / 1e9;
        assertTrue(Math.pow(2, p) >= stepSeconds * (1 - 1e-12), () -> step + " → " + p);
        assertTrue(Math.pow(2, p - 1) < stepSeconds * (1 + 1e-12), () -> step + " → " + p);
    }
}
