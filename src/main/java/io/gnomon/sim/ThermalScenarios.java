package io.gnomon.sim;

import io.gnomon.leap.LeapSecondTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The thermal holdover runs of docs/ACCURACY.md: a Pi whose SoC idles about 20 °C above a room that swings ±4 °C
 * over the day, with CPU-load periods that heat it by 15 °C within minutes (time constant 150 s); a crystal with a
 * quadratic curve (−0.2 ppm/°C, −0.004 ppm/°C² about 45 °C) following the SoC through a 400-s lag, wandering
 * 1e-4 ppm/√s; the SoC's sensor reads 5 s late, with 0.3 °C noise, in 0.538 °C steps. Locked for
 * {@code lockedSeconds}, then the GPS is unplugged.
 */
public final class ThermalScenarios {
    private static final double HOUR = 3600;

    /** What varies between the runs the issue asks for. */
    public enum Variant {
        /** load periods while locked and in holdover */
        LOAD_AND_DAILY("load steps + daily cycle"),
        /** no load while locked (it learns only the daily range), load in holdover: beyond what it learnt */
        OUTSIDE_RANGE("load only in holdover (outside the learnt range)"),
        /** as LOAD_AND_DAILY, and the sensor stops answering 6 h into holdover */
        FAILING_SENSOR("sensor fails 6 h into holdover");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A scenario and the sensor that goes with it. */
    public record Run(Scenario scenario, SimulatedTemperatureSensor sensor) {
    }

    private ThermalScenarios() {}

    public static Run run(LeapSecondTable leaps, long seed, Variant variant, long lockedSeconds, long holdoverSeconds) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + 17);
        List<double[]> loads = new ArrayList<>();
        if (variant != Variant.OUTSIDE_RANGE) {
            addLoads(loads, r, 0.5 * HOUR, lockedSeconds - HOUR, 3);
        }
        addLoads(loads, r, lockedSeconds + 0.5 * HOUR, lockedSeconds + holdoverSeconds, 3);
        double phase = r.nextDouble() * 86_400;
        TemperatureProfile soc = TemperatureProfile.daily(42, 4, phase)
                .plus(TemperatureProfile.loadSteps(15, 150, loads.toArray(double[][]::new)));
        OscillatorParams crystal = new OscillatorParams(30, 1e-4, -0.2, 45, soc, -0.004, 400);
        Scenario h = Scenarios.holdover(leaps, lockedSeconds, holdoverSeconds);
        Scenario s = new Scenario("thermal holdover, " + variant.label() + ", seed " + seed, seed, h.start(),
                lockedSeconds + holdoverSeconds, crystal, h.pps(), h.receiver(), null, null, lockedSeconds, 0,
                Optional.empty(), h.reference(), leaps, 600, false);
        SimulatedTemperatureSensor sensor = SimulatedTemperatureSensor.pi(soc);
        if (variant == Variant.FAILING_SENSOR) {
            sensor = sensor.failingAt(lockedSeconds + 6 * HOUR);
        }
        return new Run(s, sensor);
    }

    /** {@code count} load periods of 20 min – 3 h, one starting somewhere in each equal part of [from, to). */
    private static void addLoads(List<double[]> loads, SplittableRandom r, double from, double to, int count) {
        double part = (to - from) / count;
        for (int i = 0; i < count; i++) {
            double on = from + i * part + r.nextDouble() * part * 0.5;
            double length = Math.min(1200 + r.nextDouble() * (3 * HOUR - 1200), from + (i + 1) * part - on);
            loads.add(new double[] {on, on + length});
        }
    }
}
