package io.gnomon.sim;

/**
 * The host crystal: how its frequency differs from true.
 *
 * @param offsetPpm                fixed fractional frequency offset (a Pi's crystal: within ±50 ppm)
 * @param wanderPpmPerSqrtSecond   random-walk frequency noise: the frequency takes a Gaussian step of this
 *                                 σ·√(step seconds) every step
 * @param tempcoPpmPerKelvin       frequency change per °C away from {@code referenceCelsius}
 * @param referenceCelsius         temperature at which only {@code offsetPpm} applies
 * @param temperature              the temperature at the SoC (where a sensor would read it) over time
 * @param tempcoPpmPerKelvinSquared the crystal's curvature: frequency change per °C² away from {@code referenceCelsius}
 * @param crystalLagSeconds        the crystal follows the SoC's temperature through a first-order lag of this
 *                                 time constant (0: at once)
 */
public record OscillatorParams(double offsetPpm, double wanderPpmPerSqrtSecond, double tempcoPpmPerKelvin,
                               double referenceCelsius, TemperatureProfile temperature,
                               double tempcoPpmPerKelvinSquared, double crystalLagSeconds) {

    /** A linear crystal that follows the temperature at once. */
    public OscillatorParams(double offsetPpm, double wanderPpmPerSqrtSecond, double tempcoPpmPerKelvin,
                            double referenceCelsius, TemperatureProfile temperature) {
        this(offsetPpm, wanderPpmPerSqrtSecond, tempcoPpmPerKelvin, referenceCelsius, temperature, 0, 0);
    }

    /** The crystal's frequency offset (ppm) at crystal temperature {@code celsius}, without wander. */
    public double ppmAt(double celsius) {
        double d = celsius - referenceCelsius;
        return offsetPpm + tempcoPpmPerKelvin * d + tempcoPpmPerKelvinSquared * d * d;
    }

    /** A quiet crystal at a constant temperature with the given offset. */
    public static OscillatorParams fixed(double offsetPpm) {
        return new OscillatorParams(offsetPpm, 0, 0, 25, TemperatureProfile.constant(25));
    }

    /** 30 ppm off, wandering (1e-4 ppm/√s), 0.2 ppm/°C, ±3 °C daily cycle: the accuracy scenario's host. */
    public static OscillatorParams typicalPi() {
        return new OscillatorParams(30, 1e-4, 0.2, 25, TemperatureProfile.daily(25, 3, 0));
    }
}
