package io.gnomon.adapter.pps;

import io.gnomon.time.RealtimeTime;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Byte layout of the kernel's {@code struct pps_fdata} (the PPS_FETCH argument) for one user-space ABI, with encode
 * and decode. From linux/pps.h (uapi):
 * <pre>
 *   struct pps_ktime { __s64 sec; __s32 nsec; __u32 flags; };                       16 bytes
 *   struct pps_kinfo { __u32 assert_sequence; __u32 clear_sequence;
 *                      struct pps_ktime assert_tu; struct pps_ktime clear_tu; int current_mode; };
 *   struct pps_fdata { struct pps_kinfo info; struct pps_ktime timeout; };
 * </pre>
 * With s64 aligned to 8 (x86_64, aarch64, armhf): assert_tu at 8, clear_tu at 24, current_mode at 40, pps_kinfo
 * padded to 48, timeout at 48, total 64 (checked with gcc's offsetof/sizeof on x86_64). With s64 aligned to 4 (i386,
 * the kernel's pps_fdata_compat): no padding, pps_kinfo is 44, timeout at 44, total 60.
 *
 * <p>The timeout is a relative wait; a negative one makes the kernel return ETIMEDOUT at once and a zero one
 * returns the current data without waiting (drivers/pps/pps.c, pps_cdev_pps_fetch). Flag PPS_TIME_INVALID (1)
 * means "wait forever", which Gnomon never uses.
 */
public record PpsFdata(int size, int assertTuOffset, int clearTuOffset, int currentModeOffset, int timeoutOffset) {

    /** {@code PPS_CAPTUREASSERT} mode bit. */
    public static final int CAPTURE_ASSERT = 0x01;
    /** {@code PPS_CANWAIT} mode bit: the device supports a PPS_FETCH that waits. */
    public static final int CAN_WAIT = 0x100;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong S64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** One fetched {@code pps_kinfo}: sequences as unsigned 32-bit values, times as the kernel wrote them. */
    public record Info(long assertSequence, long clearSequence, long assertSec, int assertNsec,
                       long clearSec, int clearNsec, int currentMode) {
        /** The assert timestamp; the kernel PPS core stamps edges with CLOCK_REALTIME (pps_get_ts). */
        public RealtimeTime assertTime() {
            return new RealtimeTime(assertSec * 1_000_000_000L + assertNsec);
        }

        /** True when no assert edge has been captured yet. */
        public boolean noAssertYet() {
            return assertSequence == 0 && assertSec == 0 && assertNsec == 0;
        }
    }

    public static PpsFdata of(LinuxAbi abi) {
        int ktime = 16;
        int assertTu = 8; // after two u32; 8 is a multiple of both alignments
        int clearTu = assertTu + ktime;
        int mode = clearTu + ktime;
        int kinfo = align(mode + 4, abi.int64Alignment());
        return new PpsFdata(kinfo + ktime, assertTu, clearTu, mode, kinfo);
    }

    /** Writes a zeroed struct with the given relative timeout. */
    public void encodeTimeout(MemorySegment fdata, Duration timeout) {
        fdata.asSlice(0, size).fill((byte) 0);
        fdata.set(S64, timeoutOffset, timeout.getSeconds());
        fdata.set(U32, timeoutOffset + 8, timeout.getNano());
        fdata.set(U32, timeoutOffset + 12, 0);
    }

    public Info decode(MemorySegment fdata) {
        return new Info(
                Integer.toUnsignedLong(fdata.get(U32, 0)),
                Integer.toUnsignedLong(fdata.get(U32, 4)),
                fdata.get(S64, assertTuOffset),
                fdata.get(U32, assertTuOffset + 8),
                fdata.get(S64, clearTuOffset),
                fdata.get(U32, clearTuOffset + 8),
                fdata.get(U32, currentModeOffset));
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
