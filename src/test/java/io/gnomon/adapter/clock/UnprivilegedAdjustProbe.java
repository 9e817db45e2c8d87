package io.gnomon.adapter.clock;

import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Run in a child JVM without CAP_SYS_TIME by KernelClockPermissionTest: reads the kernel clock, then asks for a
 * harmless change (ADJ_MAXERROR alone) and prints what came back. It refuses to call adjust() at all when it finds
 * CAP_SYS_TIME in its own effective set, so a test run can never change the host clock.
 */
public final class UnprivilegedAdjustProbe {
    private UnprivilegedAdjustProbe() {}

    public static void main(String[] args) throws Exception {
        Optional<ProcessCapabilities> caps = ProcessCapabilities.ofSelf(Path.of("/proc"));
        if (caps.isEmpty() || caps.get().has(ProcessCapabilities.CAP_SYS_TIME)) {
            System.out.println("REFUSED: this process may have CAP_SYS_TIME " + caps);
            System.exit(3);
        }
        LinuxKernelClock clock = LinuxKernelClock.open();
        KernelClockState state = clock.read();
        System.out.println("READ tick=" + state.tickMicros() + " status=" + state.status());
        KernelClockAdjustment maxErrorOnly = new KernelClockAdjustment(OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.of(state.maxErrorMicros()), OptionalLong.empty(), Optional.empty(), Optional.empty());
        try {
            clock.adjust(maxErrorOnly);
            System.out.println("ADJUSTED (unexpected)");
        } catch (KernelClockException e) {
            System.out.println("ERRNO " + e.errno());
            System.out.println("MESSAGE " + e.getMessage());
        }
    }
}
