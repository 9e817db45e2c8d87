package io.gnomon.adapter.udp.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc socket calls, as FFM downcalls. Every call that can fail captures errno into a caller-owned
 * segment ({@link #newErrnoState}) so no call allocates. Loading this class fails (an exception from the
 * static initialiser) where the native linker or a symbol is missing; the path selector catches that.
 *
 * <p>The descriptors use only int and pointer parameters, which the linker sizes per platform, so they are
 * the same on LP64 and ILP32.
 */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPT = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = errnoCall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKNAME = errnoCall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SETSOCKOPT =
            errnoCall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKOPT =
            errnoCall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle RECVMMSG =
            errnoCall("recvmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SENDMMSG = errnoCall("sendmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle SHUTDOWN = errnoCall("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = errnoCall("close", JAVA_INT, JAVA_INT);
    /**
     * On 32-bit glibc ≥ 2.34 {@code __clock_gettime64} fills a 64-bit timespec (y2038-safe); elsewhere
     * {@code clock_gettime}'s timespec is two words, 64-bit on LP64.
     */
    private static final boolean TIME64_SYMBOL = ADDRESS.byteSize() == 4
            && LINKER.defaultLookup().find("__clock_gettime64").isPresent();
    /** clock_gettime never blocks: a critical call skips the thread-state transition. */
    private static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow(TIME64_SYMBOL ? "__clock_gettime64" : "clock_gettime"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false));

    private static final boolean SLEEP64_SYMBOL = ADDRESS.byteSize() == 4
            && LINKER.defaultLookup().find("__clock_nanosleep_time64").isPresent();
    /** clock_nanosleep returns its error number (it does not set errno). */
    private static final MethodHandle CLOCK_NANOSLEEP = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow(SLEEP64_SYMBOL ? "__clock_nanosleep_time64" : "clock_nanosleep"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** prctl is variadic: its second argument is an unsigned long, the size of a pointer here. */
    private static final MethodHandle PRCTL = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("prctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS.byteSize() == 8 ? ValueLayout.JAVA_LONG : JAVA_INT),
            Linker.Option.firstVariadicArg(1));

    private Libc() {}

    private static MethodHandle errnoCall(String name, ValueLayout ret, ValueLayout... args) {
        MemorySegment symbol = LINKER.defaultLookup().findOrThrow(name);
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(ret, args), ERRNO_OPT);
    }

    /** A segment receiving errno; allocate one per thread and reuse it. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static int socket(MemorySegment st, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(st, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment st, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(st, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockname(MemorySegment st, int fd, MemorySegment addr, MemorySegment lenPtr) {
        try {
            return (int) GETSOCKNAME.invokeExact(st, fd, addr, lenPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment st, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(st, fd, level, name, value, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code lenPtr} points to a socklen_t (an int) holding the value's room; the kernel writes its length. */
    static int getsockopt(MemorySegment st, int fd, int level, int name, MemorySegment value, MemorySegment lenPtr) {
        try {
            return (int) GETSOCKOPT.invokeExact(st, fd, level, name, value, lenPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int recvmmsg(MemorySegment st, int fd, MemorySegment vec, int vlen, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(st, fd, vec, vlen, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int sendmmsg(MemorySegment st, int fd, MemorySegment vec, int vlen, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(st, fd, vec, vlen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int shutdown(MemorySegment st, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(st, fd, how);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment st, int fd) {
        try {
            return (int) CLOSE.invokeExact(st, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** CLOCK_REALTIME in nanoseconds, through a caller-owned 16-byte segment. */
    static long realtimeNanos(MemorySegment timespec) {
        try {
            int rc = (int) CLOCK_GETTIME.invokeExact(LinuxAbi.CLOCK_REALTIME, timespec);
            if (rc != 0) {
                throw new IllegalStateException("clock_gettime(CLOCK_REALTIME) failed");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return timespecNanos(timespec, (int) ADDRESS.byteSize(), TIME64_SYMBOL || ADDRESS.byteSize() == 8);
    }

    /**
     * A glibc {@code struct timespec} in nanoseconds. tv_nsec is a C long: 8 bytes at 8 on LP64; on ILP32 with
     * 64-bit time_t it is 4 bytes at 8 followed by 4 bytes of padding that glibc need not write (little-endian).
     */
    static long timespecNanos(MemorySegment timespec, int word, boolean time64) {
        long sec = time64 ? timespec.get(ValueLayout.JAVA_LONG_UNALIGNED, 0)
                : timespec.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        long nsec = word == 8 ? timespec.get(ValueLayout.JAVA_LONG_UNALIGNED, 8)
                : timespec.get(ValueLayout.JAVA_INT_UNALIGNED, time64 ? 8 : 4);
        return sec * 1_000_000_000L + nsec;
    }

    /**
     * Sleeps {@code nanos} on CLOCK_MONOTONIC through a caller-owned 16-byte segment; an interruption by a
     * signal just ends the sleep early.
     */
    static void sleepNanos(MemorySegment timespec, long nanos) {
        boolean wide = SLEEP64_SYMBOL || ADDRESS.byteSize() == 8;
        if (wide) {
            timespec.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, nanos / 1_000_000_000L);
            timespec.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, nanos % 1_000_000_000L);
        } else {
            timespec.set(ValueLayout.JAVA_INT_UNALIGNED, 0, (int) (nanos / 1_000_000_000L));
            timespec.set(ValueLayout.JAVA_INT_UNALIGNED, 4, (int) (nanos % 1_000_000_000L));
        }
        try {
            int rc = (int) CLOCK_NANOSLEEP.invokeExact(LinuxAbi.CLOCK_MONOTONIC, 0, timespec, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets the calling thread's timer slack (PR_SET_TIMERSLACK): how late the kernel may end its sleeps to
     * group timer wake-ups; 50 µs by default, which would double a pause of tens of microseconds.
     * Returns false when refused.
     */
    static boolean setTimerSlack(long nanos) {
        try {
            int rc = ADDRESS.byteSize() == 8
                    ? (int) PRCTL.invokeExact(LinuxAbi.PR_SET_TIMERSLACK, nanos)
                    : (int) PRCTL.invokeExact(LinuxAbi.PR_SET_TIMERSLACK, (int) nanos);
            return rc == 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
