package io.gnomon.sim;

/** Ambient temperature of the simulated host, in °C, as a function of true seconds since the start. */
@FunctionalInterface
public interface TemperatureProfile {

    double celsiusAt(double trueSeconds);

    static TemperatureProfile constant(double celsius) {
        return t -> celsius;
    }

    /** A daily cycle: {@code mean} ± {@code amplitude}, period one day, starting at {@code phaseSeconds}. */
    static TemperatureProfile daily(double mean, double amplitude, double phaseSeconds) {
        return t -> mean + amplitude * Math.sin(2 * Math.PI * (t + phaseSeconds) / 86_400.0);
    }
}
