package io.gnomon.discipline;

import java.util.Locale;
import java.util.Optional;

/**
 * What the host crystal's frequency does with temperature, as learnt while locked: an immutable value.
 * With d = (the sensor's temperature passed through a first-order lag of {@code lagSeconds}) − {@code referenceCelsius},
 * the fractional frequency is {@code a + b·d + c·d²}. The coefficients' covariance (fractional units, per °C, per °C²)
 * gives the model's own uncertainty; {@code uncertaintyScale} (≥ 1) widens it when the residuals were larger than
 * the covariance claimed; {@code wanderPerSecond} is the variance growth per second of what temperature does not
 * explain (random walk plus what the model gets wrong), measured on the residuals.
 *
 * @param minCelsius   lowest lagged temperature the fit has seen
 * @param maxCelsius   highest lagged temperature the fit has seen
 * @param learntSeconds how long (locked time) the fit has learnt
 * @param blocks       how many frequency measurements it has taken in
 */
public record TemperatureCurve(double referenceCelsius, double lagSeconds, double a, double b, double c,
                               double paa, double pab, double pac, double pbb, double pbc, double pcc,
                               double uncertaintyScale, double wanderPerSecond, double minCelsius, double maxCelsius,
                               double learntSeconds, long blocks) {

    private static final String MAGIC = "gnomon-temperature 1";

    /** Predicted fractional frequency at lagged temperature {@code celsius}. */
    public double frequencyAt(double celsius) {
        double d = celsius - referenceCelsius;
        return a + b * d + c * d * d;
    }

    /** One standard deviation of {@link #frequencyAt} from the coefficients' uncertainty (scaled). */
    public double sigmaAt(double celsius) {
        double d = celsius - referenceCelsius;
        double d2 = d * d;
        double v = paa + 2 * pab * d + 2 * pac * d2 + pbb * d2 + 2 * pbc * d * d2 + pcc * d2 * d2;
        return Math.sqrt(Math.max(v, 0)) * uncertaintyScale;
    }

    /** Slope df/dT at {@code celsius}, fractional per °C. */
    public double slopeAt(double celsius) {
        return b + 2 * c * (celsius - referenceCelsius);
    }

    /** How far {@code celsius} lies outside the range seen (0 inside). */
    public double outsideBy(double celsius) {
        return Math.max(0, Math.max(celsius - maxCelsius, minCelsius - celsius));
    }

    /**
     * Extra frequency error allowed at {@code celsius} outside the learnt range: a tenth of the slope at the
     * nearest edge (plus 0.01 ppm/°C) per degree out, and the curvature again — the quadratic may not hold there
     * (a real crystal's curve is cubic). The coefficients' own uncertainty, which grows with the distance, is
     * {@link #sigmaAt}'s.
     */
    public double extrapolationErrorAt(double celsius) {
        double out = outsideBy(celsius);
        if (out == 0) {
            return 0;
        }
        double edge = celsius > maxCelsius ? maxCelsius : minCelsius;
        return out * (0.1 * Math.abs(slopeAt(edge)) + 0.01e-6) + Math.abs(c) * out * out;
    }

    /** The curve aged by {@code seconds} without measurements: the constant term's uncertainty grows by the wander. */
    public TemperatureCurve aged(double seconds) {
        double grown = paa + wanderPerSecond * Math.max(0, seconds) / (uncertaintyScale * uncertaintyScale);
        return new TemperatureCurve(referenceCelsius, lagSeconds, a, b, c, grown, pab, pac, pbb, pbc, pcc,
                uncertaintyScale, wanderPerSecond, minCelsius, maxCelsius, learntSeconds, blocks);
    }

    /** The same curve in a host clock scale running {@code 1 + rateChange} times as fast. */
    public TemperatureCurve rescaled(double rateChange) {
        return new TemperatureCurve(referenceCelsius, lagSeconds, (1 + a) * (1 + rateChange) - 1, b, c, paa, pab, pac,
                pbb, pbc, pcc, uncertaintyScale, wanderPerSecond, minCelsius, maxCelsius, learntSeconds, blocks);
    }

    /** One line for the state file. */
    public String serialise() {
        return String.format(Locale.ROOT, "%s %.3f %.1f %.12e %.12e %.12e %.6e %.6e %.6e %.6e %.6e %.6e %.4f %.6e %.3f %.3f %.0f %d%n",
                MAGIC, referenceCelsius, lagSeconds, a, b, c, paa, pab, pac, pbb, pbc, pcc, uncertaintyScale,
                wanderPerSecond, minCelsius, maxCelsius, learntSeconds, blocks);
    }

    /** The curve in {@code line}, or empty when it is not one we wrote or is implausible. */
    public static Optional<TemperatureCurve> parse(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length != 19 || !(f[0] + " " + f[1]).equals(MAGIC)) {
            return Optional.empty();
        }
        try {
            double[] v = new double[16];
            for (int i = 0; i < 16; i++) {
                v[i] = Double.parseDouble(f[i + 2]);
                if (!Double.isFinite(v[i])) {
                    return Optional.empty();
                }
            }
            long blocks = Long.parseLong(f[18]);
            boolean plausible = Math.abs(v[0]) < 150 && v[1] >= 0 && v[1] < 86_400 && Math.abs(v[2]) < 500e-6
                    && Math.abs(v[3]) < 10e-6 && Math.abs(v[4]) < 1e-6 && v[5] >= 0 && v[8] >= 0 && v[10] >= 0
                    && v[11] >= 1 && v[12] >= 0 && v[13] <= v[14] && v[15] >= 0 && blocks >= 0;
            if (!plausible) {
                return Optional.empty();
            }
            return Optional.of(new TemperatureCurve(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                    v[11], v[12], v[13], v[14], v[15], blocks));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "−0.21 ppm/°C from 38–61 °C, learnt over 3 d" (the slope at the middle of the range). */
    public String describe() {
        double mid = (minCelsius + maxCelsius) / 2;
        return String.format(Locale.ROOT, "%+.3f ppm/°C from %.0f–%.0f °C, learnt over %s", slopeAt(mid) * 1e6,
                minCelsius, maxCelsius, span(learntSeconds));
    }

    private static String span(double s) {
        if (s >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%.0f d", s / 86_400);
        }
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.0f min", s / 60);
    }
}
