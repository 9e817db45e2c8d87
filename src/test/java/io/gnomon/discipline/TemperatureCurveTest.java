package io.gnomon.discipline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.TaiTime;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TemperatureCurveTest {
    private static final long NS = 1_000_000_000L;

    static TemperatureCurve curve() {
        return new TemperatureCurve(45, 376, 30e-6, -0.2e-6, -0.004e-6, 4e-18, 1e-20, -1e-21, 1e-19, -1e-21, 1e-21,
                1.2, 2e-20, 40, 60, 3 * 86_400, 2025);
    }

    @Test
    void roundTripsThroughItsLine() {
        TemperatureCurve c = curve();
        TemperatureCurve back = TemperatureCurve.parse(c.serialise()).orElseThrow();
        assertEquals(c.frequencyAt(52.5), back.frequencyAt(52.5), 1e-15);
        assertEquals(c.sigmaAt(52.5), back.sigmaAt(52.5), 1e-15);
        assertEquals(c.lagSeconds(), back.lagSeconds());
        assertEquals(c.minCelsius(), back.minCelsius(), 1e-3);
        assertEquals(c.maxCelsius(), back.maxCelsius(), 1e-3);
        assertEquals(c.learntSeconds(), back.learntSeconds(), 1);
        assertEquals(c.blocks(), back.blocks());
    }

    @Test
    void aCorruptOrForeignLineIsRefused() {
        String line = curve().serialise();
        assertEquals(Optional.empty(), TemperatureCurve.parse(line.substring(0, line.length() / 2)));
        assertEquals(Optional.empty(), TemperatureCurve.parse(line.replace("gnomon-temperature 1", "gnomon-temperature 9")));
        assertEquals(Optional.empty(), TemperatureCurve.parse(line.replaceFirst(" 376\\.0 ", " NaN ")));
        assertEquals(Optional.empty(), TemperatureCurve.parse("gnomon-frequency 1 30.000000 ppm 2026-03-01T00:00:00Z"));
        assertEquals(Optional.empty(), TemperatureCurve.parse(""));
    }

    @Test
    void describesItselfForTheOperator() {
        assertEquals("-0.240 ppm/°C from 40–60 °C, learnt over 3 d", curve().describe());
    }

    @Test
    void uncertaintyAndExtrapolationGrowOutsideTheLearntRange() {
        TemperatureCurve c = curve();
        assertEquals(0, c.extrapolationErrorAt(50));
        assertTrue(c.extrapolationErrorAt(65) > 0);
        assertTrue(c.extrapolationErrorAt(70) > 2 * c.extrapolationErrorAt(65));
        assertTrue(c.sigmaAt(75) > c.sigmaAt(55));
    }

    /** A plain estimate whose bound grows fast (it saw temperature swings as drift). */
    private static ClockEstimate plain() {
        return new ClockEstimate(new TaiTime(1_000 * NS), 0, 30e-6, 1_000, 1e-9, 1e-20, 1e-8, 1_000, 128);
    }

    private static double holdoverBoundAfter(OptionalDouble[] temperatures) {
        ThermalHoldover h = new ThermalHoldover(plain(), curve(), new TaiTime(1_000 * NS), temperatures[0]);
        ClockEstimate e = null;
        for (int s = 1; s < temperatures.length; s++) {
            e = h.advance(new TaiTime((1_000 + s) * NS), temperatures[s]);
        }
        return e.errorBoundSecondsAt(e.reference());
    }

    private static OptionalDouble[] constant(double celsius, int seconds) {
        OptionalDouble[] t = new OptionalDouble[seconds];
        java.util.Arrays.fill(t, OptionalDouble.of(celsius));
        return t;
    }

    @Test
    void holdoverBoundIsFarBelowThePlainOneInsideTheRangeAndGrowsFasterOutside() {
        double inside = holdoverBoundAfter(constant(50, 3600));
        double outside = holdoverBoundAfter(constant(70, 3600));
        double plain = plain().errorBoundSecondsAt(new TaiTime(4_600 * NS));
        assertTrue(inside < plain / 10, inside + " vs plain " + plain);
        assertTrue(outside > 3 * inside, outside + " vs " + inside);
    }

    @Test
    void holdoverFollowsTheCurveAndServesContinuousTime() {
        ThermalHoldover h = new ThermalHoldover(plain(), curve(), new TaiTime(1_000 * NS), OptionalDouble.of(45));
        ClockEstimate a = h.advance(new TaiTime(1_100 * NS), OptionalDouble.of(55));
        assertEquals(curve().frequencyAt(55), a.frequency(), 1e-15);
        // 100 s at the curve's 30 ppm (45 °C): 3 ms on the plain offset of 0
        assertEquals(30e-6 * 100 * 1e9, a.offsetNanos(), 1);
        ClockEstimate b = h.advance(new TaiTime(1_101 * NS), OptionalDouble.of(55));
        assertEquals(a.offsetAt(new TaiTime(1_101 * NS)), b.offsetNanos(), 1e-3, "no jump between steps");
    }

    @Test
    void aSilentSensorHoldsTheFrequencyAndTheBoundGrowsLikeThePlainModelFromThen() {
        OptionalDouble[] t = constant(50, 7200);
        for (int s = 3600; s < 7200; s++) {
            t[s] = OptionalDouble.empty();
        }
        double silent = holdoverBoundAfter(t);
        double atFailure = holdoverBoundAfter(java.util.Arrays.copyOf(t, 3601));
        double plainGrowth = plain().errorBoundSecondsAt(new TaiTime(4_599 * NS)) - plain().errorBoundSecondsAt(new TaiTime(1_000 * NS));
        assertTrue(silent - atFailure >= plainGrowth, (silent - atFailure) + " vs plain growth " + plainGrowth);
    }
}
