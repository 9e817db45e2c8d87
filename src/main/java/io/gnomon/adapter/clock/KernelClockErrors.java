package io.gnomon.adapter.clock;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** One-line messages for a failed clock_adjtime, naming what the caller can do about it. */
final class KernelClockErrors {
    static final int EPERM = 1;
    static final int EFAULT = 14;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;

    static final String NOT_PERMITTED =
            "clock_adjtime: not permitted — kernel discipline needs CAP_SYS_TIME (see docs/APPLIANCE.md)";

    private KernelClockErrors() {}

    /**
     * The message for {@code errno} after a call with the request still in {@code timex} (the kernel does not
     * write the struct back when it fails). {@code strerror} gives libc's text for errors without a special case.
     */
    static String message(int errno, MemorySegment timex, IntFunction<String> strerror) {
        return switch (errno) {
            case EPERM -> NOT_PERMITTED;
            case EINVAL -> "clock_adjtime: invalid argument (EINVAL) in " + suspect(timex);
            case ENOSYS -> "clock_adjtime: this kernel does not have the system call (ENOSYS; armhf needs Linux 5.1"
                    + " or later for clock_adjtime64)";
            default -> "clock_adjtime: " + strerror.apply(errno) + " (errno " + errno + ")";
        };
    }

    /**
     * The fields the request set, the likeliest culprit first: the kernel's validation rejects an unnormalised
     * ADJ_SETOFFSET time first, then an out-of-range frequency; the others are clamped, not refused.
     */
    private static String suspect(MemorySegment timex) {
        int modes = KernelTimex.modes(timex);
        List<String> fields = new ArrayList<>();
        if ((modes & KernelTimex.ADJ_SETOFFSET) != 0) {
            fields.add("time (ADJ_SETOFFSET: tv_sec " + KernelTimex.timeSeconds(timex) + ", "
                    + ((modes & KernelTimex.ADJ_NANO) != 0 ? "ns " : "µs ") + KernelTimex.timeFraction(timex) + ")");
        }
        if ((modes & KernelTimex.ADJ_FREQUENCY) != 0) {
            fields.add("freq (ADJ_FREQUENCY: " + KernelTimex.freq(timex) + " = "
                    + KernelTimex.freq(timex) / KernelTimex.FREQ_SCALE + " ppm)");
        }
        if ((modes & KernelTimex.ADJ_MAXERROR) != 0) {
            fields.add("maxerror (ADJ_MAXERROR: " + KernelTimex.maxError(timex) + " µs)");
        }
        if ((modes & KernelTimex.ADJ_ESTERROR) != 0) {
            fields.add("esterror (ADJ_ESTERROR: " + KernelTimex.estError(timex) + " µs)");
        }
        if ((modes & KernelTimex.ADJ_STATUS) != 0) {
            fields.add("status (ADJ_STATUS: 0x" + Integer.toHexString(KernelTimex.status(timex)) + ")");
        }
        return fields.isEmpty() ? "modes 0x" + Integer.toHexString(modes) : String.join(", ", fields);
    }
}
