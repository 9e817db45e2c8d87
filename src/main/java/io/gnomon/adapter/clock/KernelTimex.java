package io.gnomon.adapter.clock;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;
import io.gnomon.discipline.KernelLeap;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The kernel's {@code struct __kernel_timex} (include/uapi/linux/timex.h), the argument of the clock_adjtime
 * system call on x86_64 and aarch64 and of clock_adjtime64 on 32-bit ARM. Every field is a 64-bit {@code long long}
 * or an {@code int} followed by explicit padding, so it has one layout (208 bytes) on all three ABIs: on LP64 it is
 * glibc's {@code struct timex} itself, on armhf it is what glibc's 64-bit-time {@code struct timex} was made to match.
 * KernelTimexLayoutTest checks the offsets against gcc for x86_64, aarch64 and armhf.
 *
 * <p>Encoding and decoding are pure (a segment in, a segment or a value out) so they are tested without the call.
 */
final class KernelTimex {
    // modes (ADJ_*) and status (STA_*) bits, include/uapi/linux/timex.h
    static final int ADJ_FREQUENCY = 0x0002;
    static final int ADJ_MAXERROR = 0x0004;
    static final int ADJ_ESTERROR = 0x0008;
    static final int ADJ_STATUS = 0x0010;
    static final int ADJ_SETOFFSET = 0x0100;
    static final int ADJ_NANO = 0x2000;

    static final int STA_PLL = 0x0001;
    static final int STA_PPSFREQ = 0x0002;
    static final int STA_PPSTIME = 0x0004;
    static final int STA_FLL = 0x0008;
    static final int STA_INS = 0x0010;
    static final int STA_DEL = 0x0020;
    static final int STA_UNSYNC = 0x0040;
    static final int STA_FREQHOLD = 0x0080;
    static final int STA_PPSSIGNAL = 0x0100;
    static final int STA_PPSJITTER = 0x0200;
    static final int STA_PPSWANDER = 0x0400;
    static final int STA_PPSERROR = 0x0800;
    static final int STA_CLOCKERR = 0x1000;
    static final int STA_NANO = 0x2000;
    static final int STA_MODE = 0x4000;
    static final int STA_CLK = 0x8000;

    /** freq and ppsfreq are ppm with a 16-bit binary fraction. */
    static final double FREQ_SCALE = 65536.0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("modes"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("offset"),
            JAVA_LONG.withName("freq"),
            JAVA_LONG.withName("maxerror"),
            JAVA_LONG.withName("esterror"),
            JAVA_INT.withName("status"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("constant"),
            JAVA_LONG.withName("precision"),
            JAVA_LONG.withName("tolerance"),
            MemoryLayout.structLayout(JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_usec")).withName("time"),
            JAVA_LONG.withName("tick"),
            JAVA_LONG.withName("ppsfreq"),
            JAVA_LONG.withName("jitter"),
            JAVA_INT.withName("shift"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("stabil"),
            JAVA_LONG.withName("jitcnt"),
            JAVA_LONG.withName("calcnt"),
            JAVA_LONG.withName("errcnt"),
            JAVA_LONG.withName("stbcnt"),
            JAVA_INT.withName("tai"),
            MemoryLayout.paddingLayout(44));

    /** The fields the tests compare with gcc's offsetof, in declaration order. */
    static final String[] FIELDS = {"modes", "offset", "freq", "maxerror", "esterror", "status", "constant",
            "precision", "tolerance", "time", "tick", "ppsfreq", "jitter", "shift", "stabil", "jitcnt", "calcnt",
            "errcnt", "stbcnt", "tai"};

    private static final VarHandle MODES = handle("modes");
    private static final VarHandle FREQ = handle("freq");
    private static final VarHandle MAXERROR = handle("maxerror");
    private static final VarHandle ESTERROR = handle("esterror");
    private static final VarHandle STATUS = handle("status");
    private static final VarHandle TICK = handle("tick");
    private static final VarHandle TAI = handle("tai");
    private static final VarHandle TIME_SEC = LAYOUT.varHandle(PathElement.groupElement("time"),
            PathElement.groupElement("tv_sec"));
    private static final VarHandle TIME_FRACTION = LAYOUT.varHandle(PathElement.groupElement("time"),
            PathElement.groupElement("tv_usec"));

    private KernelTimex() {}

    private static VarHandle handle(String name) {
        return LAYOUT.varHandle(PathElement.groupElement(name));
    }

    static long offsetOf(String field) {
        return LAYOUT.byteOffset(PathElement.groupElement(field));
    }

    /** A read request: all zero, modes = 0. */
    static void encodeRead(MemorySegment timex) {
        timex.fill((byte) 0);
    }

    /** True when {@code adjustment} changes status bits, which needs the current status first (see encode). */
    static boolean needsStatus(KernelClockAdjustment adjustment) {
        return adjustment.synchronised().isPresent() || adjustment.leap().isPresent();
    }

    /**
     * Writes the request for {@code adjustment} into {@code timex}. ADJ_STATUS replaces every writable status bit,
     * so the bits this adjustment does not name (STA_PLL, STA_FREQHOLD, STA_PPS*, ...) are carried over from
     * {@code statusNow}, the status the kernel reported just before; without ADJ_STATUS it is unused.
     *
     * @throws KernelClockException for a request no kernel would take (not a number, negative error bound)
     */
    static void encode(KernelClockAdjustment adjustment, int statusNow, MemorySegment timex)
            throws KernelClockException {
        timex.fill((byte) 0);
        int modes = 0;
        if (adjustment.frequencyPpm().isPresent()) {
            double ppm = adjustment.frequencyPpm().getAsDouble();
            if (!Double.isFinite(ppm)) {
                throw new KernelClockException("clock_adjtime: frequency " + ppm + " ppm is not a number", 0);
            }
            modes |= ADJ_FREQUENCY;
            FREQ.set(timex, 0L, Math.round(ppm * FREQ_SCALE));
        }
        if (adjustment.stepNanos().isPresent()) {
            long step = adjustment.stepNanos().getAsLong();
            // the kernel wants a normalised timespec: the fraction in [0, 1 s), the sign in the seconds
            modes |= ADJ_SETOFFSET | ADJ_NANO;
            TIME_SEC.set(timex, 0L, Math.floorDiv(step, NANOS_PER_SECOND));
            TIME_FRACTION.set(timex, 0L, Math.floorMod(step, NANOS_PER_SECOND));
        }
        if (adjustment.maxErrorMicros().isPresent()) {
            modes |= ADJ_MAXERROR;
            MAXERROR.set(timex, 0L, nonNegative("maxerror", adjustment.maxErrorMicros().getAsLong()));
        }
        if (adjustment.estErrorMicros().isPresent()) {
            modes |= ADJ_ESTERROR;
            ESTERROR.set(timex, 0L, nonNegative("esterror", adjustment.estErrorMicros().getAsLong()));
        }
        if (needsStatus(adjustment)) {
            modes |= ADJ_STATUS;
            int status = statusNow & ~STA_READ_ONLY;
            if (adjustment.synchronised().isPresent()) {
                status = adjustment.synchronised().get() ? status & ~STA_UNSYNC : status | STA_UNSYNC;
            }
            if (adjustment.leap().isPresent()) {
                status &= ~(STA_INS | STA_DEL);
                status |= switch (adjustment.leap().get()) {
                    case NONE -> 0;
                    case INSERT -> STA_INS;
                    case DELETE -> STA_DEL;
                };
            }
            STATUS.set(timex, 0L, status);
        }
        MODES.set(timex, 0L, modes);
    }

    /** The kernel ignores these bits in a written status (STA_RONLY). */
    static final int STA_READ_ONLY = STA_PPSSIGNAL | STA_PPSJITTER | STA_PPSWANDER | STA_PPSERROR | STA_CLOCKERR
            | STA_NANO | STA_MODE | STA_CLK;

    private static long nonNegative(String field, long micros) throws KernelClockException {
        if (micros < 0) {
            throw new KernelClockException("clock_adjtime: " + field + " " + micros + " µs is negative", 0);
        }
        return micros;
    }

    /** The state in a struct the kernel filled; {@code clockState} is the call's return value. */
    static KernelClockState decode(MemorySegment timex, int clockState) {
        int status = (int) STATUS.get(timex, 0L);
        KernelLeap leap = (status & STA_INS) != 0 ? KernelLeap.INSERT
                : (status & STA_DEL) != 0 ? KernelLeap.DELETE : KernelLeap.NONE;
        return new KernelClockState((long) FREQ.get(timex, 0L) / FREQ_SCALE, (long) TICK.get(timex, 0L),
                (long) MAXERROR.get(timex, 0L), (long) ESTERROR.get(timex, 0L), (status & STA_UNSYNC) != 0, leap,
                status, (int) TAI.get(timex, 0L), clockState);
    }

    static int modes(MemorySegment timex) {
        return (int) MODES.get(timex, 0L);
    }

    static long freq(MemorySegment timex) {
        return (long) FREQ.get(timex, 0L);
    }

    static long timeSeconds(MemorySegment timex) {
        return (long) TIME_SEC.get(timex, 0L);
    }

    static long timeFraction(MemorySegment timex) {
        return (long) TIME_FRACTION.get(timex, 0L);
    }

    static long maxError(MemorySegment timex) {
        return (long) MAXERROR.get(timex, 0L);
    }

    static long estError(MemorySegment timex) {
        return (long) ESTERROR.get(timex, 0L);
    }

    static int status(MemorySegment timex) {
        return (int) STATUS.get(timex, 0L);
    }
}
