package io.gnomon.discipline;

/** clock_adjtime refused or is unavailable; the message says why in one line (e.g. "needs CAP_SYS_TIME"). */
public final class KernelClockException extends Exception {
    private final int errno;

    public KernelClockException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The errno the kernel returned, 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }
}
