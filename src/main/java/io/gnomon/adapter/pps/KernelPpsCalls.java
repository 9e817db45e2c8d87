package io.gnomon.adapter.pps;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * The libc calls behind kernel PPS, through the FFM API: open(2), ioctl(2) with PPS_GETCAP and PPS_FETCH, close(2).
 * errno is captured by the linker ({@code Linker.Option.captureCallState("errno")}) right after each call, so no
 * JVM activity in between can clobber it. Results are values; nothing here throws for a system error.
 */
final class KernelPpsCalls {

    /** A call's return value, and errno when it failed (result −1). */
    record Result(int value, int errno) {
        boolean failed() {
            return value == -1;
        }
    }

    private static final int O_RDONLY = 0;
    /** O_CLOEXEC is 02000000 on x86_64, arm and arm64 (asm-generic/fcntl.h). */
    private static final int O_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** C {@code unsigned long}, the ioctl request type: 8 bytes on LP64, 4 on armhf. */
    private static final MemoryLayout C_LONG = LINKER.canonicalLayouts().get("long");

    private static final MethodHandle OPEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** ioctl is variadic: {@code int ioctl(int fd, unsigned long request, ...)}; the pointer is the first variadic. */
    private static final MethodHandle IOCTL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, C_LONG, ValueLayout.ADDRESS),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));

    private final LinuxAbi abi;
    private final PpsFdata layout;

    KernelPpsCalls(LinuxAbi abi) {
        this.abi = abi;
        this.layout = PpsFdata.of(abi);
    }

    PpsFdata layout() {
        return layout;
    }

    Result open(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDONLY | O_CLOEXEC);
            return new Result(fd, fd == -1 ? (int) ERRNO.get(state, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("open downcall failed", t);
        }
    }

    void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }

    /** PPS_GETCAP: the device's capability bits (PPS_CAPTUREASSERT, PPS_CANWAIT, ...) in {@code value}. */
    Result getCap(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment mode = arena.allocate(ValueLayout.JAVA_INT);
            int r = ioctl(state, fd, IoctlRequest.ppsGetCap(abi), mode);
            return r == -1 ? new Result(-1, (int) ERRNO.get(state, 0L)) : new Result(mode.get(ValueLayout.JAVA_INT, 0), 0);
        }
    }

    /** A PPS_FETCH answer: the info, or the errno (ETIMEDOUT when no edge came within the timeout). */
    record Fetch(PpsFdata.Info info, int errno) {}

    Fetch fetch(int fd, Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment fdata = arena.allocate(layout.size(), 8);
            layout.encodeTimeout(fdata, timeout);
            int r = ioctl(state, fd, IoctlRequest.ppsFetch(abi), fdata);
            return r == -1 ? new Fetch(null, (int) ERRNO.get(state, 0L)) : new Fetch(layout.decode(fdata), 0);
        }
    }

    private static int ioctl(MemorySegment state, int fd, long request, MemorySegment arg) {
        try {
            Object req = C_LONG.byteSize() == 8 ? (Object) request : (Object) (int) request;
            return (int) IOCTL.invoke(state, fd, req, arg);
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl downcall failed", t);
        }
    }
}
