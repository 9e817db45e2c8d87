package io.gnomon.adapter.clock;

import java.util.Locale;
import java.util.Optional;

/**
 * Which system call takes a {@code struct __kernel_timex} on each architecture Gnomon runs on, and its number.
 *
 * <ul>
 *   <li>x86_64 and aarch64: {@code clock_adjtime} (asm/unistd_64.h 305; asm-generic/unistd.h 266). There
 *       {@code struct timex} is {@code struct __kernel_timex}.</li>
 *   <li>armhf: {@code clock_adjtime64} (405, Linux 5.1 and later). The old {@code clock_adjtime} (372) takes the
 *       32-bit {@code struct timex} with 32-bit seconds. glibc's header redirects a 64-bit-time C program (what
 *       Debian trixie armhf builds) to {@code __clock_adjtime64}, but a symbol lookup from Java does not see that
 *       redirect and would find the 32-bit-time {@code clock_adjtime}. So Gnomon calls the kernel directly through
 *       libc's {@code syscall(2)} on all three, with one struct layout and one code path.</li>
 * </ul>
 * The numbers are checked against each architecture's kernel headers by KernelTimexLayoutTest.
 */
enum ClockAdjtimeSyscall {
    X86_64("x86_64", "clock_adjtime", 305),
    AARCH64("aarch64", "clock_adjtime", 266),
    ARMHF("armhf", "clock_adjtime64", 405);

    private final String abi;
    private final String callName;
    private final long number;

    ClockAdjtimeSyscall(String abi, String callName, long number) {
        this.abi = abi;
        this.callName = callName;
        this.number = number;
    }

    String abi() {
        return abi;
    }

    String callName() {
        return callName;
    }

    long number() {
        return number;
    }

    /** The call for a JVM's {@code os.arch}; empty where Gnomon does not know the ABI. */
    static Optional<ClockAdjtimeSyscall> forOsArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            case "arm", "armhf", "armv7l", "aarch32" -> Optional.of(ARMHF);
            default -> Optional.empty();
        };
    }
}
