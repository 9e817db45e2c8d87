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

/**
 * The libc calls behind GPIO line events over the v2 uAPI, through FFM: open(2) the chip, ioctl(2)
 * GPIO_V2_GET_LINE_IOCTL, poll(2) and read(2) on the line's descriptor, close(2). errno is captured by the linker.
 */
final class GpioV2Calls {

    /** A call's return value and, when it failed (−1), errno. */
    record Result(long value, int errno) {
        boolean failed() {
            return value == -1;
        }
    }

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final short POLLIN = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout C_LONG = LINKER.canonicalLayouts().get("long");
    private static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");

    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, C_LONG, ValueLayout.ADDRESS),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}; nfds_t is unsigned long. */
    private static final MethodHandle POLL = LINKER.downcallHandle(LINKER.defaultLookup().find("poll").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, C_LONG, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO);
    /** {@code ssize_t read(int fd, void *buf, size_t count)}. */
    private static final MethodHandle READ = LINKER.downcallHandle(LINKER.defaultLookup().find("read").orElseThrow(),
            FunctionDescriptor.of(SIZE_T, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, SIZE_T), CAPTURE_ERRNO);

    private GpioV2Calls() {}

    static Result openChip(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDWR | O_CLOEXEC);
            return new Result(fd, fd == -1 ? (int) ERRNO.get(state, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("open downcall failed", t);
        }
    }

    /** Requests one line for rising-edge events; the result's value is the line's descriptor. */
    static Result requestRisingEdges(int chipFd, int lineOffset, String consumer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment req = arena.allocate(GpioV2Structs.REQUEST_SIZE, 8);
            GpioV2Structs.encodeRisingEdgeRequest(req, lineOffset, consumer, 16);
            Object request = C_LONG.byteSize() == 8 ? (Object) GpioV2Structs.GET_LINE_IOCTL
                    : (Object) (int) GpioV2Structs.GET_LINE_IOCTL;
            int r = (int) IOCTL.invoke(state, chipFd, request, req);
            return r == -1 ? new Result(-1, (int) ERRNO.get(state, 0L)) : new Result(GpioV2Structs.requestFd(req), 0);
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl downcall failed", t);
        }
    }

    /** Waits up to {@code timeoutMillis} for the descriptor to be readable: value 1 readable, 0 timed out. */
    static Result pollIn(int fd, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment pfd = arena.allocate(8, 4); // struct pollfd { int fd; short events; short revents; }
            pfd.set(ValueLayout.JAVA_INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            Object one = C_LONG.byteSize() == 8 ? (Object) 1L : (Object) 1;
            int r = (int) POLL.invoke(state, pfd, one, timeoutMillis);
            return r == -1 ? new Result(-1, (int) ERRNO.get(state, 0L)) : new Result(r, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("poll downcall failed", t);
        }
    }

    /** Reads one event; the result's value is the byte count. */
    static Result readEvent(int fd, MemorySegment buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            Object count = SIZE_T.byteSize() == 8 ? (Object) (long) GpioV2Structs.EVENT_SIZE
                    : (Object) GpioV2Structs.EVENT_SIZE;
            Object r = READ.invoke(state, fd, buffer, count);
            long n = r instanceof Long l ? l : ((Integer) r).longValue();
            return n == -1 ? new Result(-1, (int) ERRNO.get(state, 0L)) : new Result(n, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("read downcall failed", t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }
}
