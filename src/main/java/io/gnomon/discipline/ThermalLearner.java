package io.gnomon.discipline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Learns, while locked, how the host clock's frequency follows temperature (see {@link TemperatureCurve}).
 *
 * <p>The crystal lags the sensor (it sits away from the SoC): the sensor's readings pass through a first-order lag,
 * and the lag is not known. So a bank of candidate lags runs side by side, each with its own filter, and the one
 * whose predictions of the next measured frequency have been best (a robust running mean of squared prediction
 * errors) is the curve offered. Each filter is a Kalman filter on (a, b, c) in f = a + b·d + c·d², where a
 * random-walks (the crystal's wander and ageing) and b, c may drift very slowly (forgetting); an innovation larger
 * than 3σ is clipped (Huber), so a bad block moves the fit only a little. What the fit does not explain — wander,
 * and a wrong shape or lag — is measured on the residuals (their variance growth with lag) and becomes the curve's
 * wander, so the holdover bound sees it.
 *
 * <p>Pure: times are seconds on any monotonic scale the caller chooses, passed in; nothing is read.
 */
public final class ThermalLearner {
    /** Candidate lags, seconds: none, and 20 s to about an hour, each 15 % longer than the one before. */
    static final double[] LAGS = lags();

    private static double[] lags() {
        java.util.List<Double> l = new java.util.ArrayList<>(java.util.List.of(0.0));
        for (double lag = 20; lag < 4000; lag *= 1.15) {
            l.add((double) Math.round(lag));
        }
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
    private static final double HUBER = 3;
    private static final double SELECT_WEIGHT = 1.0 / 48;
    /** The lag is chosen on a long memory: what tells lags apart is the few blocks after a load step. */
    private static final double LAG_COST_WEIGHT = 1.0 / 1024;
    private static final double WANDER_FLOOR = 1e-21;
    private static final int RESIDUALS = 1024;
    private static final int WANDER_LAG = 16;
    /** Lagged temperature moving less than this over the last four blocks counts as steady. */
    private static final double STEADY_CELSIUS = 0.2;
    private static final int STEADY_BLOCKS = 4;
    /** The two ends of a long pair must be this close in temperature. */
    private static final double SAME_CELSIUS = 0.5;
    private static final double MIN_LEARN_SECONDS = 2 * 3600;
    private static final double MIN_RANGE_CELSIUS = 2;
    /** Slow forgetting of b and c: variance added per second. */
    private static final double Q_B = 1e-18 / 86_400;
    private static final double Q_C = 1e-21 / 86_400;

    private final Candidate[] candidates = new Candidate[LAGS.length];
    private double referenceCelsius = Double.NaN;
    private double lastReadingAt = Double.NaN;
    private double lastReading = Double.NaN;
    private double readingNoise = Double.NaN; // variance of one reading's noise, from successive differences
    private double lastBlockAt = Double.NaN;
    private double minCelsius = Double.POSITIVE_INFINITY;
    private double maxCelsius = Double.NEGATIVE_INFINITY;
    private double learntSeconds;
    private long blocks;
    private long skippedBlocks;
    private double wander = 1e-20;
    private double priorLearntSeconds;

    /** One (y, d) measurement kept to measure the residuals' wander; d per candidate. */
    private record Measured(double at, double frequency, double[] d) {
    }

    private final Deque<Measured> history = new ArrayDeque<>();

    private static final class Candidate {
        final double lag;
        double lagged = Double.NaN;
        double sum;
        int count;
        final double[] x = new double[3];
        final double[][] p = new double[3][3];
        double cost = Double.NaN;
        double normalised = 1;
        final double[] recent = new double[128]; // the last squared normalised innovations
        int recentCount;

        Candidate(double lag) {
            this.lag = lag;
            p[0][0] = 1e-8;   // 100 ppm
            p[1][1] = 1e-12;  // 1 ppm/°C
            p[2][2] = 1e-14;  // 0.1 ppm/°C²
        }
    }

    public ThermalLearner() {
        for (int i = 0; i < LAGS.length; i++) {
            candidates[i] = new Candidate(LAGS[i]);
        }
    }

    /** Starts from a curve learnt earlier (a state file), aged by the time since it was saved. */
    public static ThermalLearner resumedFrom(TemperatureCurve saved, double ageSeconds) {
        ThermalLearner l = new ThermalLearner();
        TemperatureCurve c = saved.aged(ageSeconds);
        l.referenceCelsius = c.referenceCelsius();
        double s2 = c.uncertaintyScale() * c.uncertaintyScale();
        for (Candidate k : l.candidates) {
            k.x[0] = c.a();
            k.x[1] = c.b();
            k.x[2] = c.c();
            double[][] p = {{c.paa(), c.pab(), c.pac()}, {c.pab(), c.pbb(), c.pbc()}, {c.pac(), c.pbc(), c.pcc()}};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    // the saved lag's filter keeps its confidence; the others start doubtful of the slope
                    k.p[i][j] = p[i][j] * s2 * (k.lag == c.lagSeconds() ? 1 : 4);
                }
            }
            k.cost = k.lag == c.lagSeconds() ? 0 : Double.NaN;
        }
        l.minCelsius = c.minCelsius();
        l.maxCelsius = c.maxCelsius();
        l.priorLearntSeconds = c.learntSeconds();
        l.blocks = c.blocks();
        l.wander = Math.max(c.wanderPerSecond(), WANDER_FLOOR);
        return l;
    }

    /** A plausible sensor reading at time {@code at} (seconds). */
    public void temperature(double at, double celsius) {
        if (Double.isNaN(referenceCelsius)) {
            referenceCelsius = Math.round(celsius);
        }
        double dt = Double.isNaN(lastReadingAt) ? 0 : Math.max(0, at - lastReadingAt);
        if (dt > 0 && dt <= 2) {
            // white noise and rounding: half the mean square difference of neighbours (what moves in a second is
            // far smaller); clipped so that one jump does not count much
            double v = Math.min(sq(celsius - lastReading), 4) / 2;
            readingNoise = Double.isNaN(readingNoise) ? v : readingNoise + (v - readingNoise) / 256;
        }
        lastReading = celsius;
        for (Candidate k : candidates) {
            if (Double.isNaN(k.lagged) || dt > 600) {
                k.lagged = celsius; // first reading, or after a long gap: the lag has nothing to remember
            } else if (k.lag == 0) {
                k.lagged = celsius;
            } else {
                k.lagged += (celsius - k.lagged) * (1 - Math.exp(-dt / k.lag));
            }
            k.sum += k.lagged;
            k.count++;
        }
        lastReadingAt = at;
    }

    /** The lagged temperature the current curve is to be evaluated at, if the sensor has spoken recently. */
    public OptionalDouble laggedCelsius(double now, double staleAfterSeconds) {
        if (Double.isNaN(lastReadingAt) || now - lastReadingAt > staleAfterSeconds) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(best().lagged);
    }

    /**
     * The host's mean fractional frequency over the block that ended at {@code at}, measured to {@code sigma} (1 σ),
     * against the temperatures read since the previous block. A block with readings for less than ¾ of it is skipped.
     */
    public void frequency(double at, double frequency, double sigma) {
        double span = Double.isNaN(lastBlockAt) ? Double.NaN : at - lastBlockAt;
        boolean covered = !Double.isNaN(span) && candidates[0].count >= 0.75 * span && span < 3 * 3600;
        lastBlockAt = at;
        if (!covered) {
            skippedBlocks += Double.isNaN(span) ? 0 : 1;
            clearSums();
            return;
        }
        double[] d = new double[candidates.length];
        double dt = span;
        for (int i = 0; i < candidates.length; i++) {
            Candidate k = candidates[i];
            d[i] = k.sum / k.count - referenceCelsius;
            // the temperature's noise, averaged over the block, enters through the slope
            double slope = k.x[1] + 2 * k.x[2] * d[i];
            double noise = Double.isNaN(readingNoise) ? 0 : readingNoise / k.count;
            update(k, d[i], frequency, sigma * sigma + slope * slope * noise, dt);
        }
        double observed = candidates[0].sum / candidates[0].count;
        clearSums();
        minCelsius = Math.min(minCelsius, observed);
        maxCelsius = Math.max(maxCelsius, observed);
        learntSeconds += dt;
        blocks++;
        history.addLast(new Measured(at, frequency, d));
        while (history.size() > RESIDUALS) {
            history.removeFirst();
        }
        if (blocks % 8 == 0) {
            wander = measureWander();
        }
    }

    private void clearSums() {
        for (Candidate k : candidates) {
            k.sum = 0;
            k.count = 0;
        }
    }

    private void update(Candidate k, double d, double y, double r, double dt) {
        k.p[0][0] += wander * dt;
        k.p[1][1] += Q_B * dt;
        k.p[2][2] += Q_C * dt;
        double[] h = {1, d, d * d};
        double[] ph = new double[3];
        for (int i = 0; i < 3; i++) {
            ph[i] = k.p[i][0] * h[0] + k.p[i][1] * h[1] + k.p[i][2] * h[2];
        }
        double s = h[0] * ph[0] + h[1] * ph[1] + h[2] * ph[2] + r;
        double innovation = y - (k.x[0] + k.x[1] * d + k.x[2] * d * d);
        double z = Math.abs(innovation) / Math.sqrt(s);
        // clip at 3 of the innovations' own typical size (not the filter's claim, which a slightly wrong lag or
        // shape makes too confident: clipping honest data there would bias the fit)
        double limit = HUBER * Math.max(1, Math.sqrt(k.normalised));
        double clipped = z > limit ? innovation * limit / z : innovation;
        double score = clipped * clipped;
        k.cost = Double.isNaN(k.cost) ? score : k.cost + LAG_COST_WEIGHT * (score - k.cost);
        k.normalised += SELECT_WEIGHT * (Math.min(z * z, 4 * limit * limit) - k.normalised);
        k.recent[k.recentCount++ % k.recent.length] = z * z;
        for (int i = 0; i < 3; i++) {
            k.x[i] += ph[i] / s * clipped;
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                k.p[i][j] -= ph[i] * ph[j] / s;
            }
        }
        // keep it symmetric against rounding
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                double m = (k.p[i][j] + k.p[j][i]) / 2;
                k.p[i][j] = m;
                k.p[j][i] = m;
            }
        }
    }

    private Candidate best() {
        Candidate best = candidates[0];
        for (Candidate k : candidates) {
            if (!Double.isNaN(k.cost) && (Double.isNaN(best.cost) || k.cost < best.cost)) {
                best = k;
            }
        }
        return best;
    }

    private int bestIndex() {
        Candidate b = best();
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] == b) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Variance growth per second of what the chosen curve leaves unexplained: the residuals' structure function
     * at a long lag minus that at one block (which holds the measurement noise), over the time between; robust
     * (medians). Large short-lived residuals are left to the uncertainty scale, which the innovations set.
     */
    private double measureWander() {
        int idx = bestIndex();
        Candidate k = candidates[idx];
        int n = history.size();
        if (n < 4 * WANDER_LAG) {
            return Math.max(wander, WANDER_FLOOR);
        }
        double[] z = new double[n];
        double[] t = new double[n];
        boolean[] steady = new boolean[n];
        double[] dd = new double[n];
        int i = 0;
        for (Measured m : history) {
            double d = m.d()[idx];
            z[i] = m.frequency() - (k.x[1] * d + k.x[2] * d * d);
            t[i] = m.at();
            dd[i] = d;
            steady[i] = i >= STEADY_BLOCKS && Math.abs(d - dd[i - STEADY_BLOCKS]) < STEADY_CELSIUS;
            i++;
        }
        // only pairs whose ends both lie where the temperature was steady (while it moves fast, a lag that is a
        // little off leaves residuals that come and go — they are not wander), and at nearly the same temperature
        // (so that a slope still wrong early on is not mistaken for wander, which would let the constant term
        // absorb what the slope should learn)
        java.util.List<Double> ones = new java.util.ArrayList<>();
        java.util.List<Double> fars = new java.util.ArrayList<>();
        double span1 = 0;
        double spanL = 0;
        for (int j = 0; j + WANDER_LAG < n; j++) {
            if (steady[j] && steady[j + 1]) {
                ones.add(sq(z[j + 1] - z[j]));
                span1 += t[j + 1] - t[j];
            }
            if (steady[j] && steady[j + WANDER_LAG] && Math.abs(dd[j + WANDER_LAG] - dd[j]) < SAME_CELSIUS) {
                fars.add(sq(z[j + WANDER_LAG] - z[j]));
                spanL += t[j + WANDER_LAG] - t[j];
            }
        }
        if (ones.size() < 8 || fars.size() < 8) {
            return Math.max(wander, WANDER_FLOOR);
        }
        double[] one = ones.stream().mapToDouble(Double::doubleValue).toArray();
        double[] far = fars.stream().mapToDouble(Double::doubleValue).toArray();
        // medians, not means: a load step the lag gets slightly wrong leaves a few large residuals, which are not
        // wander; for Gaussian differences the mean square is the median square / 0.4549
        double q = (median(far) - median(one)) / 0.4549 / (spanL / far.length - span1 / one.length);
        return Math.max(q, WANDER_FLOOR);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Whether the curve has learnt enough (time and temperature range) to be trusted in holdover. */
    public boolean usable() {
        return learntSeconds + priorLearntSeconds >= MIN_LEARN_SECONDS && maxCelsius - minCelsius >= MIN_RANGE_CELSIUS;
    }

    /** The curve as learnt so far (the best lag's fit), once anything has been learnt. */
    public Optional<TemperatureCurve> curve() {
        if (blocks == 0) {
            return Optional.empty();
        }
        Candidate k = best();
        // the innovations' typical size against the filter's claim (robust: a median; a load step the lag gets a
        // little wrong leaves a few large ones that come and go and add little phase)
        double scale = k.recentCount < 16 ? Math.max(1, Math.sqrt(k.normalised))
                : Math.max(1, Math.sqrt(median(java.util.Arrays.copyOf(k.recent, Math.min(k.recentCount, k.recent.length)))
                / 0.4549));
        double[][] p = k.p;
        return Optional.of(new TemperatureCurve(referenceCelsius, k.lag, k.x[0], k.x[1], k.x[2], p[0][0], p[0][1],
                p[0][2], p[1][1], p[1][2], p[2][2], scale, wander, minCelsius, maxCelsius,
                learntSeconds + priorLearntSeconds, blocks));
    }

    /** The host clock now runs {@code 1 + rateChange} times as fast (a kernel frequency change). */
    public void hostRateChanged(double rateChange) {
        for (Candidate k : candidates) {
            k.x[0] = (1 + k.x[0]) * (1 + rateChange) - 1;
        }
        java.util.List<Measured> moved = history.stream()
                .map(m -> new Measured(m.at(), (1 + m.frequency()) * (1 + rateChange) - 1, m.d())).toList();
        history.clear();
        history.addAll(moved);
    }

    public long blocks() {
        return blocks;
    }

    public long skippedBlocks() {
        return skippedBlocks;
    }
}
