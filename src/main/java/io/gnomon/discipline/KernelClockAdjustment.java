package io.gnomon.discipline;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One clock_adjtime call's worth of changes; an empty field leaves that kernel variable alone.
 *
 * @param frequencyPpm   ADJ_FREQUENCY: the absolute frequency correction, ppm (the kernel limits it to ±500 ppm)
 * @param stepNanos      ADJ_SETOFFSET | ADJ_NANO: step the clock by this many nanoseconds (positive: forward)
 * @param maxErrorMicros ADJ_MAXERROR
 * @param estErrorMicros ADJ_ESTERROR
 * @param synchronised   ADJ_STATUS: clear (true) or set (false) STA_UNSYNC
 * @param leap           ADJ_STATUS: STA_INS / STA_DEL / neither
 */
public record KernelClockAdjustment(OptionalDouble frequencyPpm, OptionalLong stepNanos, OptionalLong maxErrorMicros,
                                    OptionalLong estErrorMicros, Optional<Boolean> synchronised,
                                    Optional<KernelLeap> leap) {
    public static KernelClockAdjustment none() {
        return new KernelClockAdjustment(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    public KernelClockAdjustment withFrequencyPpm(double ppm) {
        return new KernelClockAdjustment(OptionalDouble.of(ppm), stepNanos, maxErrorMicros, estErrorMicros, synchronised, leap);
    }

    public KernelClockAdjustment withStepNanos(long nanos) {
        return new KernelClockAdjustment(frequencyPpm, OptionalLong.of(nanos), maxErrorMicros, estErrorMicros, synchronised, leap);
    }

    public KernelClockAdjustment withErrors(long maxMicros, long estMicros) {
        return new KernelClockAdjustment(frequencyPpm, stepNanos, OptionalLong.of(maxMicros), OptionalLong.of(estMicros),
                synchronised, leap);
    }

    public KernelClockAdjustment withStatus(boolean sync, KernelLeap l) {
        return new KernelClockAdjustment(frequencyPpm, stepNanos, maxErrorMicros, estErrorMicros, Optional.of(sync),
                Optional.of(l));
    }
}
