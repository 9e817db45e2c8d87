package io.gnomon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import org.junit.jupiter.api.Test;

class ClockPrecisionTest {

    @Test
    void theSmallestStepRoundedUpToAPowerOfTwo() {
        // 1 µs tick: 2^-20 s = 954 ns < 1 µs <= 2^-19 s
        assertEquals(-19, ClockPrecision.exponentOf(new long[] {0, 0, 1000, 1000, 2000, 5000}));
        // 60 ns: 2^-24 s = 59.6 ns < 60 ns <= 2^-23
        assertEquals(-23, ClockPrecision.exponentOf(new long[] {100, 160, 300}));
        // 59 ns: at most 2^-24
        assertEquals(-24, ClockPrecision.exponentOf(new long[] {100, 159, 300}));
        // 10 ms tick
        assertEquals(-6, ClockPrecision.exponentOf(new long[] {0, 10_000_000L, 20_000_000L}));
    }

    @Test
    void aClockThatNeverMovesGetsTheWorstPrecision() {
        assertEquals(0, ClockPrecision.exponentOf(new long[] {5, 5, 5}));
        assertEquals(0, ClockPrecision.exponentOf(new long[] {}));
    }

    @Test
    void theHostClockMeasuresSomewhereSensible() {
        int p = ClockPrecision.measure(new HostServedClock(SystemClocks.REALTIME));
        assertTrue(p <= -6 && p >= -32, "precision 2^" + p);
    }
}
