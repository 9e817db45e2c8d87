package io.gnomon.sim;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * The SoC's temperature sensor as the simulation reads it: the profile's temperature {@code delaySeconds} ago, with
 * Gaussian noise, rounded to the sensor's step (a Pi's cpu-thermal moves in steps of about 0.5 °C). From
 * {@code failsAtSeconds} on it fails: no reading at all.
 */
public record SimulatedTemperatureSensor(TemperatureProfile soc, double delaySeconds, double noiseCelsius,
                                         double stepCelsius, double failsAtSeconds) {

    public static SimulatedTemperatureSensor pi(TemperatureProfile soc) {
        return new SimulatedTemperatureSensor(soc, 5, 0.3, 0.538, Double.POSITIVE_INFINITY);
    }

    public SimulatedTemperatureSensor failingAt(double seconds) {
        return new SimulatedTemperatureSensor(soc, delaySeconds, noiseCelsius, stepCelsius, seconds);
    }

    /** The reading at true second {@code t}; {@code random} is drawn once per call whatever happens. */
    public OptionalDouble readAt(double t, RandomGenerator random) {
        double noise = random.nextGaussian() * noiseCelsius;
        if (t >= failsAtSeconds) {
            return OptionalDouble.empty();
        }
        double c = soc.celsiusAt(Math.max(0, t - delaySeconds)) + noise;
        return OptionalDouble.of(stepCelsius > 0 ? Math.round(c / stepCelsius) * stepCelsius : c);
    }
}
