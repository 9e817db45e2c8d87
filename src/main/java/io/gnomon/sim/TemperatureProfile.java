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

    /** This profile plus {@code other}'s. */
    default TemperatureProfile plus(TemperatureProfile other) {
        return t -> celsiusAt(t) + other.celsiusAt(t);
    }

    /**
     * CPU load heating the SoC: during each {@code [on, off)} interval (true seconds, in order, not overlapping) the
     * temperature rises by {@code riseCelsius} with time constant {@code tauSeconds}, and falls back the same way
     * after it.
     */
    static TemperatureProfile loadSteps(double riseCelsius, double tauSeconds, double[][] intervals) {
        double[][] copy = java.util.Arrays.stream(intervals).map(double[]::clone).toArray(double[][]::new);
        return t -> {
            double sum = 0;
            for (double[] iv : copy) {
                double on = iv[0];
                double off = iv[1];
                if (t < on) {
                    break;
                }
                if (t < off) {
                    sum += 1 - Math.exp(-(t - on) / tauSeconds);
                } else {
                    sum += (1 - Math.exp(-(off - on) / tauSeconds)) * Math.exp(-(t - off) / tauSeconds);
                }
            }
            return riseCelsius * sum;
        };
    }
}
