package io.gnomon.discipline;

import java.util.Optional;

/**
 * Where the model's estimate goes: either the served time follows it (software correction, the default) or the
 * kernel clock is steered to it (clock_adjtime, needs CAP_SYS_TIME — not written yet, see docs/ACCURACY.md).
 */
public interface ClockActuator {
    /** The estimate to follow from now on; empty: there is none (serve host time, unsynchronised). */
    void apply(Optional<ClockEstimate> estimate);
}
