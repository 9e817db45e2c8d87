package io.gnomon.adapter.clock;

import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;

/**
 * CLOCK_REALTIME through clock_adjtime(2) via the FFM API. (Placeholder: the binding is being written; until then
 * {@link #open()} refuses with a clear message.)
 */
public final class LinuxKernelClock implements KernelClock {
    private LinuxKernelClock() {
    }

    /** Binds clock_adjtime for this platform, or says in one line why it cannot. */
    public static LinuxKernelClock open() throws KernelClockException {
        throw new KernelClockException("kernel clock discipline is not available in this build", 0);
    }

    @Override
    public KernelClockState read() throws KernelClockException {
        throw new KernelClockException("not bound", 0);
    }

    @Override
    public KernelClockState adjust(KernelClockAdjustment adjustment) throws KernelClockException {
        throw new KernelClockException("not bound", 0);
    }
}
