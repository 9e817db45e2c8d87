package io.gnomon.refclock;

import io.gnomon.discipline.ModelConfig;

/**
 * The reference clock's settings.
 *
 * @param labeller          how edges get their seconds
 * @param model             the clock model's tuning
 * @param lockBoundSeconds  PPS locked only while the error bound is below this
 * @param holdoverLimitSeconds past this error bound the server says it is unsynchronised (leap indicator 3)
 * @param ppsTimeoutSeconds without a labelled edge for this long, PPS locked becomes holdover
 * @param deviceTimeoutSeconds without any receiver epoch for this long, the receiver counts as gone
 * @param nmeaOnlyAllowed   serve from the receiver's sentences alone (ms accuracy) when there is no PPS
 * @param hostStepThresholdNanos a jump of CLOCK_REALTIME − CLOCK_MONOTONIC larger than this between two reads is a
 *                          step of the host clock (reading noise is far below it; a frequency change moves both)
 */
public record ReferenceConfig(LabellerConfig labeller, ModelConfig model, double lockBoundSeconds,
                              double holdoverLimitSeconds, double ppsTimeoutSeconds, double deviceTimeoutSeconds,
                              boolean nmeaOnlyAllowed, long hostStepThresholdNanos) {

    /** The least host clock step noticed by default: 1 ms. */
    public static final long DEFAULT_HOST_STEP_THRESHOLD_NANOS = 1_000_000L;

    public static ReferenceConfig defaults(LabellerConfig labeller) {
        return new ReferenceConfig(labeller, ModelConfig.defaults(), 100e-6, 10e-3, 3, 5, true,
                DEFAULT_HOST_STEP_THRESHOLD_NANOS);
    }

    public ReferenceConfig withHoldoverLimit(double seconds) {
        return new ReferenceConfig(labeller, model, lockBoundSeconds, seconds, ppsTimeoutSeconds, deviceTimeoutSeconds,
                nmeaOnlyAllowed, hostStepThresholdNanos);
    }

    public ReferenceConfig withNmeaOnly(boolean allowed) {
        return new ReferenceConfig(labeller, model, lockBoundSeconds, holdoverLimitSeconds, ppsTimeoutSeconds,
                deviceTimeoutSeconds, allowed, hostStepThresholdNanos);
    }

    public ReferenceConfig withHostStepThreshold(long nanos) {
        return new ReferenceConfig(labeller, model, lockBoundSeconds, holdoverLimitSeconds, ppsTimeoutSeconds,
                deviceTimeoutSeconds, nmeaOnlyAllowed, nanos);
    }
}
