package io.gnomon.sim;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The host's oscillator integrated over true time: how many host nanoseconds have elapsed after a given number
 * of true nanoseconds. The frequency is piecewise constant over one-second steps of true time (offset + random
 * walk + temperature); phase is exact within a step. Steps are generated lazily and kept, so any time already
 * reached can be asked again.
 */
public final class Oscillator {
    private static final long STEP = 1_000_000_000L;

    private final OscillatorParams params;
    private final RandomGenerator random;
    private double[] phaseSeconds = new double[1024]; // host − true elapsed at the start of step k, seconds
    private double[] fraction = new double[1024];     // fractional frequency during step k
    private int steps;
    private double walk;
    private double crystalCelsius = Double.NaN;

    public Oscillator(OscillatorParams params, RandomGenerator random) {
        this.params = params;
        this.random = random;
        phaseSeconds[0] = 0;
        fraction[0] = frequencyAt(0);
        steps = 1;
    }

    /** Steps are generated in order, so the crystal's lagged temperature advances one second per step. */
    private double frequencyAt(int step) {
        double soc = params.temperature().celsiusAt(step);
        if (Double.isNaN(crystalCelsius) || params.crystalLagSeconds() <= 0) {
            crystalCelsius = soc;
        } else {
            crystalCelsius += (soc - crystalCelsius) * (1 - Math.exp(-1 / params.crystalLagSeconds()));
        }
        return (params.ppmAt(crystalCelsius) + walk) * 1e-6;
    }

    private void extendTo(int step) {
        while (steps <= step) {
            if (steps == phaseSeconds.length) {
                phaseSeconds = Arrays.copyOf(phaseSeconds, steps * 2);
                fraction = Arrays.copyOf(fraction, steps * 2);
            }
            phaseSeconds[steps] = phaseSeconds[steps - 1] + fraction[steps - 1];
            walk += params.wanderPpmPerSqrtSecond() * random.nextGaussian();
            fraction[steps] = frequencyAt(steps);
            steps++;
        }
    }

    /** Host-clock error accumulated after {@code trueNanos} (host elapsed − true elapsed), in seconds. */
    public double phaseSecondsAt(long trueNanos) {
        int step = (int) Math.floorDiv(trueNanos, STEP);
        if (step < 0) {
            return fraction[0] * trueNanos / 1e9;
        }
        extendTo(step + 1);
        return phaseSeconds[step] + fraction[step] * (trueNanos - step * STEP) / 1e9;
    }

    /** Host elapsed nanoseconds after {@code trueNanos} of true time. */
    public long hostNanosAt(long trueNanos) {
        return trueNanos + Math.round(phaseSecondsAt(trueNanos) * 1e9);
    }

    /** Fractional frequency offset (host rate − 1) at {@code trueNanos}. */
    public double fractionalFrequencyAt(long trueNanos) {
        int step = (int) Math.max(0, Math.floorDiv(trueNanos, STEP));
        extendTo(step + 1);
        return fraction[step];
    }

    /** True nanoseconds at which the host will have counted {@code hostNanos} (inverse of hostNanosAt). */
    public long trueNanosAtHost(long hostNanos) {
        long t = hostNanos;
        for (int i = 0; i < 4; i++) {
            t -= hostNanosAt(t) - hostNanos;
        }
        return t;
    }
}
