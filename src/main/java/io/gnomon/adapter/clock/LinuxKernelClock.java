package io.gnomon.adapter.clock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * CLOCK_REALTIME through clock_adjtime(2), called as {@code syscall(nr, CLOCK_REALTIME, &timex)} via the FFM API
 * (see {@link ClockAdjtimeSyscall} for why the system call and not the libc symbol). The struct and errno segments
 * are allocated once in {@link #open()}; a call allocates nothing. Not thread-safe (one discipline loop owns it).
 */
public final class LinuxKernelClock implements KernelClock {
    private static final int CLOCK_REALTIME = 0;

    private final ClockAdjtimeSyscall call;
    /** (errno state, long nr, long clock, timex*) → long, whatever width C long has here. */
    private final MethodHandle syscall;
    private final MethodHandle strerror;
    private final VarHandle errnoHandle;
    private final MemorySegment timex;
    private final MemorySegment errnoState;

    private LinuxKernelClock(ClockAdjtimeSyscall call, MethodHandle syscall, MethodHandle strerror,
                             VarHandle errnoHandle, MemorySegment timex, MemorySegment errnoState) {
        this.call = call;
        this.syscall = syscall;
        this.strerror = strerror;
        this.errnoHandle = errnoHandle;
        this.timex = timex;
        this.errnoState = errnoState;
    }

    /** Binds clock_adjtime for this platform, or says in one line why it cannot. Needs no privilege. */
    public static LinuxKernelClock open() throws KernelClockException {
        return open(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static LinuxKernelClock open(String os, String arch) throws KernelClockException {
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new KernelClockException("kernel clock discipline needs Linux (this is " + os + ")", 0);
        }
        Optional<ClockAdjtimeSyscall> call = ClockAdjtimeSyscall.forOsArch(arch);
        if (call.isEmpty()) {
            throw new KernelClockException("kernel clock discipline: unsupported architecture " + arch
                    + " (Gnomon knows struct timex on x86_64, aarch64 and armhf)", 0);
        }
        try {
            Linker linker = Linker.nativeLinker();
            MemoryLayout cLong = linker.canonicalLayouts().get("long");
            MemorySegment symbol = linker.defaultLookup().find("syscall").orElseThrow(
                    () -> new KernelClockException("kernel clock discipline: libc has no syscall()", 0));
            StructLayout capture = Linker.Option.captureStateLayout();
            // long syscall(long number, ...): the clock id and the pointer are variadic
            MethodHandle raw = linker.downcallHandle(symbol, FunctionDescriptor.of(cLong, cLong, cLong, ADDRESS),
                    Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
            MethodHandle uniform = MethodHandles.explicitCastArguments(raw, MethodType.methodType(long.class,
                    MemorySegment.class, long.class, long.class, MemorySegment.class));
            MethodHandle strerror = linker.downcallHandle(linker.defaultLookup().find("strerror").orElseThrow(),
                    FunctionDescriptor.of(ADDRESS, JAVA_INT));
            Arena arena = Arena.ofAuto();
            return new LinuxKernelClock(call.get(), uniform, strerror,
                    capture.varHandle(PathElement.groupElement("errno")),
                    arena.allocate(KernelTimex.LAYOUT), arena.allocate(capture));
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalCallerException e) {
            // no native access (--enable-native-access) or a linker that cannot do this call
            throw new KernelClockException("kernel clock discipline: cannot bind clock_adjtime: " + e.getMessage(), 0);
        }
    }

    /** The system call used here, e.g. "clock_adjtime64 (armhf, 405)", for diagnostics. */
    public String callDescription() {
        return call.callName() + " (" + call.abi() + ", syscall " + call.number() + ")";
    }

    @Override
    public KernelClockState read() throws KernelClockException {
        KernelTimex.encodeRead(timex);
        return KernelTimex.decode(timex, invoke());
    }

    @Override
    public KernelClockState adjust(KernelClockAdjustment adjustment) throws KernelClockException {
        int statusNow = KernelTimex.needsStatus(adjustment) ? read().status() : 0;
        KernelTimex.encode(adjustment, statusNow, timex);
        return KernelTimex.decode(timex, invoke());
    }

    private int invoke() throws KernelClockException {
        long result;
        try {
            result = (long) syscall.invokeExact(errnoState, call.number(), (long) CLOCK_REALTIME, timex);
        } catch (Throwable t) {
            throw new IllegalStateException("clock_adjtime downcall failed", t);
        }
        if (result == -1) {
            int errno = (int) errnoHandle.get(errnoState, 0L);
            throw new KernelClockException(KernelClockErrors.message(errno, timex, this::strerror), errno);
        }
        return (int) result;
    }

    private String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "errno " + errno : text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
