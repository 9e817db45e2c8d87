package io.gnomon.refclock;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.discipline.TemperatureCurve;
import io.gnomon.discipline.ThermalHoldover;
import io.gnomon.discipline.ThermalLearner;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.TaiTime;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The reference clock's use of temperature: readings go to a {@link ThermalLearner}; while PPS is labelled, one
 * frequency measurement per model window (non-overlapping) teaches it; in holdover a {@link ThermalHoldover}
 * replaces the plain model's straight line once the curve is usable. Readings are judged here: a missing one or
 * one outside −40…125 °C or further from the last than 10 °C + 0.1 °C/s is counted and ignored — the model then carries on without
 * temperature (and holdover falls back to the plain model's growth).
 */
final class TemperatureCompensation {
    private static final long NS = 1_000_000_000L;
    /** Without a plausible reading for this long, the temperature is unknown. */
    static final double STALE_SECONDS = 30;

    private final int window;
    private final Counters counters;
    private ThermalLearner learner;
    private ThermalHoldover holdover;
    private long lastFedTai = Long.MIN_VALUE;
    private double lastCelsius = Double.NaN;
    private double lastReadingAt = Double.NaN;
    private double missingSince = Double.NaN;

    TemperatureCompensation(int window, Counters counters, ThermalLearner learner) {
        this.window = window;
        this.counters = counters;
        this.learner = learner;
    }

    void reading(OptionalDouble celsius, MonotonicTime now) {
        double at = now.nanos() / 1e9;
        if (celsius.isEmpty()) {
            missing(at, "temperature sensor gave no reading: carrying on without temperature");
            return;
        }
        double c = celsius.getAsDouble();
        if (!Double.isFinite(c) || c < -40 || c > 125) {
            missing(at, "temperature reading outside -40…125 °C: ignored");
            return;
        }
        if (!Double.isNaN(lastCelsius) && Math.abs(c - lastCelsius) > 10 + 0.1 * (at - lastReadingAt)) {
            missing(at, "temperature reading jumped faster than 10 °C + 0.1 °C/s: ignored");
            return;
        }
        lastCelsius = c;
        lastReadingAt = at;
        missingSince = Double.NaN;
        learner.temperature(at, c);
    }

    private void missing(double at, String why) {
        if (Double.isNaN(missingSince)) {
            missingSince = at;
            counters.add(why); // once per outage: the count says how often the sensor failed
        }
    }

    /** A fresh locked estimate after an edge at {@code edge}: one measurement per full, non-overlapping window. */
    void learn(ClockEstimate e, MonotonicTime edge) {
        holdover = null;
        if (e.samples() < window || (lastFedTai != Long.MIN_VALUE && e.reference().nanos() - lastFedTai < window * NS)) {
            return;
        }
        lastFedTai = e.reference().nanos();
        int n = e.samples();
        double sigma = e.jitterNanos() * 1e-9 / Math.sqrt(n * ((double) n * n - 1) / 12);
        learner.frequency(edge.nanos() / 1e9, e.frequency(), sigma);
    }

    /** In holdover at {@code now}: the estimate to serve instead of {@code plain}, if the curve can be trusted. */
    Optional<ClockEstimate> holdover(ClockEstimate plain, TaiTime trueNow, MonotonicTime now) {
        OptionalDouble lagged = learner.laggedCelsius(now.nanos() / 1e9, STALE_SECONDS);
        if (holdover == null) {
            Optional<TemperatureCurve> curve = learner.curve();
            if (!learner.usable() || curve.isEmpty() || lagged.isEmpty()) {
                return Optional.empty();
            }
            holdover = new ThermalHoldover(plain, curve.get(), trueNow, lagged);
            counters.add("holdover following temperature");
        }
        return Optional.of(holdover.advance(trueNow, lagged));
    }

    /** PPS is back (or the model restarted): the next holdover starts afresh. */
    void locked() {
        holdover = null;
    }

    void hostStepped(long deltaNanos) {
        if (holdover != null) {
            holdover.hostStepped(deltaNanos);
        }
    }

    void hostRateChanged(double rateChange) {
        learner.hostRateChanged(rateChange);
        if (holdover != null) {
            holdover.hostRateChanged(rateChange);
        }
    }

    Optional<TemperatureCurve> curve() {
        return learner.curve();
    }

    OptionalDouble lastCelsius(MonotonicTime now) {
        return Double.isNaN(lastReadingAt) || now.nanos() / 1e9 - lastReadingAt > STALE_SECONDS
                ? OptionalDouble.empty() : OptionalDouble.of(lastCelsius);
    }

    boolean inHoldover() {
        return holdover != null;
    }
}
