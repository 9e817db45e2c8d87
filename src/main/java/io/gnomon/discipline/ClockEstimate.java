package io.gnomon.discipline;

import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;

/**
 * What the model believes about the host clock, as an immutable value: at continuous time {@code reference},
 * CLOCK_REALTIME read {@code reference + offsetNanos}, and it gains {@code frequency} seconds per second.
 * The error bound starts at {@code offsetErrorNanos} at the reference and grows with the frequency error, the
 * oscillator's random-walk wander and its worst observed frequency drift.
 *
 * @param reference            continuous time of the last sample the estimate rests on
 * @param offsetNanos          host realtime − true time at the reference
 * @param frequency            host fractional frequency error (e.g. 30e-6: 30 ppm fast)
 * @param offsetErrorNanos     bound on the offset error at the reference
 * @param frequencyError       bound on the frequency error
 * @param wanderPerSecond      random-walk frequency noise variance per second (σ_y² growth rate, 1/s)
 * @param driftPerSecond       bound on how fast the frequency changes (1/s)
 * @param jitterNanos          rms scatter of the samples around the fit
 * @param samples              how many samples the fit used
 */
public record ClockEstimate(TaiTime reference, double offsetNanos, double frequency, double offsetErrorNanos,
                            double frequencyError, double wanderPerSecond, double driftPerSecond, double jitterNanos,
                            int samples) {

    /** Coverage factor applied to the random-walk term (≈ 4 σ). */
    static final double K = 4.0;

    /** The continuous time when host realtime reads {@code r}. */
    public TaiTime trueTimeAt(RealtimeTime r) {
        return new TaiTime(trueTimeAtNanos(r.epochNanos()));
    }

    /** As {@link #trueTimeAt}, in plain nanoseconds (realtime in, TAI out), for the allocation-free packet path. */
    public long trueTimeAtNanos(long realtimeNanos) {
        long sinceRef = realtimeNanos - reference.nanos(); // exact
        double dt = (sinceRef - offsetNanos) / (1 + frequency);
        return reference.nanos() + Math.round(dt);
    }

    /** Host offset (realtime − true) predicted at {@code t}, nanoseconds. */
    public double offsetAt(TaiTime t) {
        return offsetNanos + frequency * t.nanosSince(reference);
    }

    /** The bound on the served time's error at continuous time {@code t}, in seconds. */
    public double errorBoundSecondsAt(TaiTime t) {
        double dt = Math.max(0, t.nanosSince(reference) / 1e9);
        double nanos = offsetErrorNanos
                + frequencyError * dt * 1e9
                + K * Math.sqrt(wanderPerSecond * dt * dt * dt / 3) * 1e9
                + 0.5 * driftPerSecond * dt * dt * 1e9;
        return nanos / 1e9;
    }

    public ClockEstimate withFrequency(double f, double fError) {
        return new ClockEstimate(reference, offsetNanos, f, offsetErrorNanos, fError, wanderPerSecond, driftPerSecond,
                jitterNanos, samples);
    }
}
