package io.gnomon.discipline;

import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * Offset and frequency of the host clock against labelled PPS edges: a least-squares line through the last
 * {@code window} samples (host realtime − true time against true time). A sample far from the current
 * prediction is rejected as an outlier (a spurious pulse near the edge, an interrupt delayed by load); a run
 * of rejections means the host clock jumped in a way nobody told the model about, and the model starts again.
 * Frequency is also tracked over long blocks, to learn how fast it drifts and wanders — the holdover error bound
 * rests on those figures.
 *
 * <p>Host clock changes the model is told about ({@link #hostStepped}, {@link #hostRateChanged}) do not restart
 * it: the stored samples (and the block frequencies, and a saved frequency) are re-expressed in the host clock's
 * new scale, as if it had always run that way, and the fit is redone. The estimate then differs from the one
 * before only by the change itself: after a step of Δ its offset is Δ more, after a rate change its frequency is
 * the new rate; the served time is the same before and after.
 */
public final class ClockModel {
    private static final long NS = 1_000_000_000L;
    private static final double BLOCK_SECONDS = 256;
    private static final int DRIFT_HISTORY = 24 * 3600 / 256;

    private record Sample(long tai, long realtime) {
        double offset() {
            return (double) (realtime - tai);
        }
    }

    private record BlockFrequency(long tai, double frequency) {
    }

    private final ModelConfig config;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Deque<BlockFrequency> blocks = new ArrayDeque<>();
    private Optional<Double> savedFrequency = Optional.empty();
    private ClockEstimate estimate;
    private double drift;   // cached: recomputed when a block is added
    private double wander;
    private int rejectedRun;
    private long outliers;
    private long resets;

    public ClockModel(ModelConfig config) {
        this.config = config;
        this.drift = config.driftFloorPerSecond();
        this.wander = config.wanderFloorPerSecond();
    }

    /** A frequency remembered from an earlier run: lets the model offer an estimate after fewer samples. */
    public void useSavedFrequency(double fractional) {
        savedFrequency = Optional.of(fractional);
    }

    public Optional<ClockEstimate> estimate() {
        return Optional.ofNullable(estimate);
    }

    public long outliers() {
        return outliers;
    }

    public long resets() {
        return resets;
    }

    /** Forget all samples (the labels moved, or the host clock jumped). Frequency knowledge is kept. */
    public void reset() {
        if (estimate != null && estimate.samples() >= config.minSamples()) {
            savedFrequency = Optional.of(estimate.frequency());
        }
        samples.clear();
        estimate = null;
        rejectedRun = 0;
        resets++;
    }

    /**
     * The host realtime clock was stepped by {@code deltaNanos} (positive: forward), by us or by another process:
     * every stored sample's realtime moves by the same amount.
     */
    public void hostStepped(long deltaNanos) {
        reexpress(s -> new Sample(s.tai(), s.realtime() + deltaNanos), f -> f);
    }

    /**
     * From host realtime {@code at} on, the host clock runs {@code 1 + rateChange} times as fast as before (a kernel
     * frequency change from k₀ to k₁ is (1 + k₁)/(1 + k₀) − 1). Stored samples are re-expressed as if the new rate
     * had always applied: a sample {@code d} host nanoseconds before {@code at} now lies {@code d·(1 + rateChange)}
     * before it. Exact for a least-squares line: the refit has the new frequency and the same time at {@code at}.
     */
    public void hostRateChanged(RealtimeTime at, double rateChange) {
        long r0 = at.epochNanos();
        reexpress(s -> new Sample(s.tai(), s.realtime() - Math.round((r0 - s.realtime()) * rateChange)),
                f -> (1 + f) * (1 + rateChange) - 1);
    }

    private void reexpress(java.util.function.UnaryOperator<Sample> sample,
                           java.util.function.DoubleUnaryOperator frequency) {
        if (!samples.isEmpty()) {
            java.util.List<Sample> moved = samples.stream().map(sample).toList();
            samples.clear();
            samples.addAll(moved);
        }
        if (!blocks.isEmpty()) {
            java.util.List<BlockFrequency> moved = blocks.stream()
                    .map(b -> new BlockFrequency(b.tai(), frequency.applyAsDouble(b.frequency()))).toList();
            blocks.clear();
            blocks.addAll(moved);
        }
        savedFrequency = savedFrequency.map(frequency::applyAsDouble);
        estimate = samples.isEmpty() ? null : fit().orElse(null);
    }

    /** Adds one labelled edge; returns the new estimate, if there is one. */
    public Optional<ClockEstimate> add(TaiTime second, RealtimeTime edge) {
        Sample s = new Sample(second.nanos(), edge.epochNanos());
        if (!samples.isEmpty() && s.tai() <= samples.getLast().tai()) {
            return estimate();
        }
        if (estimate != null && estimate.samples() >= 8 && isOutlier(s)) {
            outliers++;
            if (++rejectedRun >= 10) {
                reset();
            }
            return estimate();
        }
        rejectedRun = 0;
        samples.addLast(s);
        while (samples.size() > config.window()) {
            samples.removeFirst();
        }
        estimate = fit().orElse(null);
        if (estimate != null && estimate.samples() >= config.window()) { // short fits are too noisy to judge drift
            trackBlocks(s.tai(), estimate.frequency());
        }
        return estimate();
    }

    private boolean isOutlier(Sample s) {
        TaiTime t = new TaiTime(s.tai());
        double predicted = estimate.offsetAt(t);
        double limit = Math.max(8 * estimate.jitterNanos(), 2 * estimate.errorBoundSecondsAt(t) * 1e9);
        return Math.abs(s.offset() - predicted) > Math.max(limit, 2_000);
    }

    private Optional<ClockEstimate> fit() {
        int n = samples.size();
        long ref = samples.getLast().tai();
        double[] t = new double[n];
        double[] x = new double[n];
        int i = 0;
        for (Sample s : samples) {
            t[i] = (s.tai() - ref) / (double) NS;
            x[i] = s.offset();
            i++;
        }
        double jitterFloor = 100; // ns: no claim that the edges are better than this
        if (n < config.minSamples()) {
            if (savedFrequency.isEmpty() || n < config.minSamplesSavedFrequency()) {
                return Optional.empty();
            }
            double f = savedFrequency.get();
            double[] res = new double[n];
            double mean = 0;
            for (int j = 0; j < n; j++) {
                mean += x[j] - f * t[j] * NS;
            }
            mean /= n;
            double spread = 0;
            for (int j = 0; j < n; j++) {
                res[j] = x[j] - f * t[j] * NS - mean;
                spread = Math.max(spread, Math.abs(res[j]));
            }
            double jitter = Math.max(spread, jitterFloor * 10);
            double span = -t[0];
            double offset = mean; // offset at the mean time; carry it to the reference with the saved frequency
            double errA = config.floorNanos() + 6 * jitter + config.savedFrequencyError() * span * NS;
            return Optional.of(new ClockEstimate(new TaiTime(ref), offset, f, errA, config.savedFrequencyError(),
                    config.wanderFloorPerSecond(), config.driftFloorPerSecond(), jitter, n));
        }
        double tm = 0;
        double xm = 0;
        for (int j = 0; j < n; j++) {
            tm += t[j];
            xm += x[j];
        }
        tm /= n;
        xm /= n;
        double stt = 0;
        double stx = 0;
        for (int j = 0; j < n; j++) {
            stt += (t[j] - tm) * (t[j] - tm);
            stx += (t[j] - tm) * (x[j] - xm);
        }
        double slopeNanosPerSecond = stx / stt;
        double offset = xm - slopeNanosPerSecond * tm; // at t = 0, the last sample
        double ssr = 0;
        for (int j = 0; j < n; j++) {
            double r = x[j] - (offset + slopeNanosPerSecond * t[j]);
            ssr += r * r;
        }
        double sr = Math.max(Math.sqrt(ssr / Math.max(1, n - 2)), jitterFloor);
        // few samples: the scatter itself is poorly known, so cover more of it
        double k = 4 + 24.0 / n;
        double sigmaA = sr * Math.sqrt(1.0 / n + tm * tm / stt);
        double sigmaB = sr / Math.sqrt(stt); // ns per s
        double frequency = slopeNanosPerSecond / NS;
        double errA = config.floorNanos() + k * sigmaA;
        double errB = (k * sigmaB) / NS + lagError(-t[0]);
        return Optional.of(new ClockEstimate(new TaiTime(ref), offset, frequency, errA, errB,
                wander(), drift(), sr, n));
    }

    /** A line fitted over a span measures the frequency at the span's middle; while it drifts, it lags by this. */
    private double lagError(double spanSeconds) {
        return drift() * spanSeconds / 2;
    }

    private void trackBlocks(long tai, double frequency) {
        if (!blocks.isEmpty() && (tai - blocks.getLast().tai()) / (double) NS < BLOCK_SECONDS) {
            return;
        }
        blocks.addLast(new BlockFrequency(tai, frequency));
        while (blocks.size() > DRIFT_HISTORY) {
            blocks.removeFirst();
        }
        drift = computeDrift();
        wander = computeWander();
    }

    /** Twice the fastest frequency change seen between blocks (over up to a day), at least the configured floor. */
    private double drift() {
        return drift;
    }

    private double wander() {
        return wander;
    }

    private double computeDrift() {
        double worst = 0;
        BlockFrequency previous = null;
        for (BlockFrequency b : blocks) {
            if (previous != null) {
                double dt = (b.tai() - previous.tai()) / (double) NS;
                worst = Math.max(worst, Math.abs(b.frequency() - previous.frequency()) / dt);
            }
            previous = b;
        }
        return Math.max(2 * worst, config.driftFloorPerSecond());
    }

    /** Random-walk wander: variance of the changes in block frequency after removing their mean trend. */
    private double computeWander() {
        if (blocks.size() < 4) {
            return config.wanderFloorPerSecond();
        }
        double[] d = new double[blocks.size() - 1];
        double[] dt = new double[d.length];
        int i = 0;
        BlockFrequency previous = null;
        for (BlockFrequency b : blocks) {
            if (previous != null) {
                dt[i] = (b.tai() - previous.tai()) / (double) NS;
                d[i] = b.frequency() - previous.frequency();
                i++;
            }
            previous = b;
        }
        double mean = Arrays.stream(d).average().orElse(0);
        double var = 0;
        double span = 0;
        for (int j = 0; j < d.length; j++) {
            var += (d[j] - mean) * (d[j] - mean);
            span += dt[j];
        }
        return Math.max(var / span, config.wanderFloorPerSecond());
    }
}
