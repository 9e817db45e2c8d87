package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.RealtimeTime;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** struct pps_fdata for each ABI, against byte arrays built by hand from the C declarations. */
class PpsFdataTest {

    @Test
    void layoutIs64BytesWhereS64Is8Aligned() {
        for (LinuxAbi abi : new LinuxAbi[] {LinuxAbi.X86_64, LinuxAbi.AARCH64, LinuxAbi.ARMHF}) {
            PpsFdata l = PpsFdata.of(abi);
            assertEquals(new PpsFdata(64, 8, 24, 40, 48), l, abi.name());
        }
    }

    @Test
    void layoutIsPacked60BytesOnI386() {
        assertEquals(new PpsFdata(60, 8, 24, 40, 44), PpsFdata.of(LinuxAbi.I386));
    }

    @Test
    void ioctlNumbersMatchTheKernelHeadersOn64BitAnd32Bit() {
        // 64-bit values checked with gcc against /usr/include/linux/pps.h on x86_64 (same macros on arm64)
        assertEquals(0xC00870A4L, IoctlRequest.ppsFetch(LinuxAbi.X86_64));
        assertEquals(0xC00870A4L, IoctlRequest.ppsFetch(LinuxAbi.AARCH64));
        assertEquals(0x800870A3L, IoctlRequest.ppsGetCap(LinuxAbi.X86_64));
        // 32-bit: sizeof(struct pps_fdata *) is 4
        assertEquals(0xC00470A4L, IoctlRequest.ppsFetch(LinuxAbi.ARMHF));
        assertEquals(0x800470A3L, IoctlRequest.ppsGetCap(LinuxAbi.ARMHF));
    }

    private static byte[] handBuilt(LinuxAbi abi, long assertSeq, long clearSeq, long aSec, int aNsec,
                                    long cSec, int cNsec, int mode) {
        boolean packed = abi == LinuxAbi.I386;
        ByteBuffer b = ByteBuffer.allocate(packed ? 60 : 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) assertSeq).putInt((int) clearSeq);
        b.putLong(aSec).putInt(aNsec).putInt(0);          // assert_tu
        b.putLong(cSec).putInt(cNsec).putInt(0);          // clear_tu
        b.putInt(mode);                                    // current_mode
        if (!packed) {
            b.putInt(0xDEADBEEF);                          // tail padding of pps_kinfo: must be ignored
        }
        b.putLong(0).putInt(0).putInt(0);                  // timeout
        return b.array();
    }

    @Test
    void decodesHandBuiltStructsForEveryAbi() {
        for (LinuxAbi abi : LinuxAbi.values()) {
            byte[] bytes = handBuilt(abi, 0xFFFF_FFF0L, 7, 1_764_071_425L, 123_456_789, 1_764_071_424L, 900_000_000, 0x1111);
            PpsFdata.Info info = PpsFdata.of(abi).decode(MemorySegment.ofArray(bytes));
            assertEquals(0xFFFF_FFF0L, info.assertSequence(), abi.name());
            assertEquals(7, info.clearSequence());
            assertEquals(new RealtimeTime(1_764_071_425_123_456_789L), info.assertTime());
            assertEquals(1_764_071_424L, info.clearSec());
            assertEquals(900_000_000, info.clearNsec());
            assertEquals(0x1111, info.currentMode());
        }
    }

    @Test
    void encodesTheTimeoutWhereTheKernelReadsIt() {
        for (LinuxAbi abi : LinuxAbi.values()) {
            PpsFdata l = PpsFdata.of(abi);
            byte[] bytes = new byte[l.size()];
            java.util.Arrays.fill(bytes, (byte) 0x55);
            l.encodeTimeout(MemorySegment.ofArray(bytes), Duration.ofMillis(2500));
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int t = abi == LinuxAbi.I386 ? 44 : 48;
            assertEquals(2, b.getLong(t), abi.name());
            assertEquals(500_000_000, b.getInt(t + 8));
            assertEquals(0, b.getInt(t + 12), "flags: PPS_TIME_INVALID must be clear");
            for (int i = 0; i < t; i++) {
                assertEquals(0, bytes[i], "info zeroed at " + i);
            }
        }
    }

    @Test
    void noAssertYetIsAllZeros() {
        byte[] bytes = handBuilt(LinuxAbi.AARCH64, 0, 0, 0, 0, 0, 0, 0x1011);
        assertTrue(PpsFdata.of(LinuxAbi.AARCH64).decode(MemorySegment.ofArray(bytes)).noAssertYet());
    }

    @Test
    void osArchNamesMapToAbis() {
        assertEquals(LinuxAbi.X86_64, LinuxAbi.fromOsArch("amd64").orElseThrow());
        assertEquals(LinuxAbi.AARCH64, LinuxAbi.fromOsArch("aarch64").orElseThrow());
        assertEquals(LinuxAbi.ARMHF, LinuxAbi.fromOsArch("arm").orElseThrow());
        assertTrue(LinuxAbi.fromOsArch("riscv64").isEmpty());
    }
}
