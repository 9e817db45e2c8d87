package io.gnomon.discipline;

/**
 * The host's kernel clock (CLOCK_REALTIME) as the kernel-discipline actuator drives it: read its state, set its
 * frequency, step it, tell the kernel how good it is and whether a leap second is due. On Linux this is
 * clock_adjtime(2) through the FFM API ({@code io.gnomon.adapter.clock.LinuxKernelClock}); simulations and tests
 * use a simulated host clock with the same behaviour. Not thread-safe: one discipline loop owns it.
 */
public interface KernelClock {
    /** The kernel's view now (clock_adjtime with modes = 0; needs no privilege). */
    KernelClockState read() throws KernelClockException;

    /** Applies what {@code adjustment} sets (all other kernel variables untouched); returns the state after. */
    KernelClockState adjust(KernelClockAdjustment adjustment) throws KernelClockException;
}
