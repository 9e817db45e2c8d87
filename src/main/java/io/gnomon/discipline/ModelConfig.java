package io.gnomon.discipline;

/**
 * Tuning of the clock model.
 *
 * @param window                 how many recent labelled edges the fit uses
 * @param minSamples             samples needed before an estimate is offered (no saved frequency)
 * @param minSamplesSavedFrequency samples needed with a saved frequency
 * @param savedFrequencyError    how far the saved frequency may be off (temperature since it was saved)
 * @param floorNanos             systematic error no fit can see (PPS interrupt latency, cable): added to every bound
 * @param driftFloorPerSecond    the least frequency drift assumed in holdover (a crystal in a room: ~1e-11/s)
 * @param wanderFloorPerSecond   the least random-walk wander assumed (σ_y² per second)
 */
public record ModelConfig(int window, int minSamples, int minSamplesSavedFrequency, double savedFrequencyError,
                          double floorNanos, double driftFloorPerSecond, double wanderFloorPerSecond) {

    public static ModelConfig defaults() {
        return new ModelConfig(128, 4, 2, 1e-6, 500, 2e-11, 1e-20);
    }
}
