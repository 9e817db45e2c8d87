package io.gnomon.discipline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The frequency-temperature fit, fed in virtual time from a known crystal. */
class ThermalLearnerTest {
    private static final double BLOCK = 128;

    /** A crystal: f = 30 ppm + b·(T − 45) + c·(T − 45)² + a random walk, following the sensor's temperature through a lag. */
    private record Crystal(double b, double c, double lagSeconds, double wanderPerSqrtSecond) {
    }

    /** SoC temperature: a daily ±4 °C around 50 °C, and a +15 °C load for 2 h every 6 h. */
    private static double soc(double t) {
        double load = (t % 21_600) < 7200 ? 15 * (1 - Math.exp(-(t % 21_600) / 150.0))
                : 15 * (1 - Math.exp(-7200 / 150.0)) * Math.exp(-((t % 21_600) - 7200) / 150.0);
        return 50 + 4 * Math.sin(2 * Math.PI * t / 86_400) + load;
    }

    /**
     * Feeds {@code seconds} of readings (σ 0.3 °C) and block frequencies (σ 2.4 ppb, like a 128-edge window at 1 µs);
     * every {@code outlierEvery}-th block (0: none) is 5 ppm off.
     */
    private static ThermalLearner learn(Crystal x, double seconds, int outlierEvery, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ThermalLearner l = new ThermalLearner();
        double crystal = soc(0);
        double walk = 0;
        double sum = 0;
        int block = 0;
        for (int s = 1; s <= seconds; s++) {
            double t = s;
            crystal += (soc(t) - crystal) * (1 - Math.exp(-1 / x.lagSeconds()));
            walk += x.wanderPerSqrtSecond() * r.nextGaussian();
            double d = crystal - 45;
            sum += 30e-6 + x.b() * d + x.c() * d * d + walk;
            l.temperature(t, soc(t) + 0.3 * r.nextGaussian());
            if (s % BLOCK == 0) {
                double f = sum / BLOCK + 2.4e-9 * r.nextGaussian();
                block++;
                if (outlierEvery > 0 && block % outlierEvery == 0) {
                    f += 5e-6;
                }
                l.frequency(t, f, 2.4e-9);
                sum = 0;
            }
        }
        return l;
    }

    @Test
    void recoversCoefficientCurvatureAndLagFromNoisyData() {
        Crystal x = new Crystal(-0.2e-6, -0.004e-6, 400, 1e-10);
        TemperatureCurve c = learn(x, 24 * 3600, 0, 1).curve().orElseThrow();
        double ref = c.referenceCelsius();
        // the true curve in the learner's reference temperature
        double trueSlope = x.b() + 2 * x.c() * (ref - 45);
        // within 4 %: the lag is found on a grid 15 % apart, and a lag a little off biases the slope a little
        assertEquals(trueSlope, c.b(), 0.01e-6, "slope at the reference temperature " + c);
        assertEquals(x.c(), c.c(), 0.0005e-6, "curvature");
        assertTrue(c.lagSeconds() >= 330 && c.lagSeconds() <= 460, "lag " + c.lagSeconds());
        assertTrue(c.minCelsius() < 48 && c.maxCelsius() > 66, "range " + c.minCelsius() + "–" + c.maxCelsius());
        assertEquals(24 * 3600, c.learntSeconds(), 2 * BLOCK);
        // the unexplained wander is the random walk's, within a factor of three (1e-20/s)
        assertTrue(c.wanderPerSecond() > 0.3e-20 && c.wanderPerSecond() < 3e-20, "wander " + c.wanderPerSecond());
    }

    @Test
    void outliersHardlyMoveTheFit() {
        Crystal x = new Crystal(-0.2e-6, -0.004e-6, 400, 1e-10);
        TemperatureCurve clean = learn(x, 24 * 3600, 0, 2).curve().orElseThrow();
        TemperatureCurve dirty = learn(x, 24 * 3600, 20, 2).curve().orElseThrow(); // 5 % of blocks 5 ppm off
        assertEquals(clean.b(), dirty.b(), 0.005e-6);
        assertEquals(clean.c(), dirty.c(), 0.0005e-6);
        assertEquals(clean.frequencyAt(55), dirty.frequencyAt(55), 0.02e-6);
    }

    @Test
    void isNotUsableBeforeItHasSeenEnoughTimeAndTemperature() {
        Crystal x = new Crystal(-0.2e-6, 0, 100, 0);
        assertTrue(!learn(x, 3600, 0, 3).usable(), "one hour is not enough");
        assertTrue(learn(x, 4 * 3600, 0, 3).usable());
    }

    @Test
    void wanderWithoutTemperatureIsMeasuredAsWander() {
        Crystal x = new Crystal(-0.2e-6, -0.004e-6, 400, 3e-10); // 9e-20/s
        TemperatureCurve c = learn(x, 24 * 3600, 0, 4).curve().orElseThrow();
        assertTrue(c.wanderPerSecond() > 3e-20 && c.wanderPerSecond() < 27e-20, "wander " + c.wanderPerSecond());
    }
}
