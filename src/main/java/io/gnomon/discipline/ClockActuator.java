package io.gnomon.discipline;

import java.util.Optional;

/**
 * Where the model's estimate goes: the served time follows it (software correction). With clock-discipline kernel
 * the host clock is additionally steered to it by {@link KernelDiscipline} (clock_adjtime, needs CAP_SYS_TIME),
 * which needs more than the estimate (lock state, bound, the present) and so is driven directly, not through this.
 */
public interface ClockActuator {
    /** The estimate to follow from now on; empty: there is none (serve host time, unsynchronised). */
    void apply(Optional<ClockEstimate> estimate);
}
