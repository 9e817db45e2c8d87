package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.StructLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Structure layouts per ABI against the C ABI's numbers: LP64 (x86_64, aarch64) and ILP32 (armhf, the
 * ARM EABI: 4-byte pointers and size_t), written out so a reader sees them. {@link LinuxAbiHeadersTest}
 * checks the same layouts and every constant against each ABI's own compiler and headers.
 */
class LinuxAbiTest {

    private static void assertMsghdr(LinuxAbi abi, long size, long... offsets) {
        StructLayout m = abi.msghdr();
        assertEquals(size, m.byteSize(), abi.name() + " sizeof(struct msghdr)");
        String[] fields = {"msg_name", "msg_namelen", "msg_iov", "msg_iovlen", "msg_control", "msg_controllen",
                "msg_flags"};
        for (int i = 0; i < fields.length; i++) {
            assertEquals(offsets[i], abi.offset(m, fields[i]), abi.name() + " offsetof " + fields[i]);
        }
    }

    @Test
    void lp64LayoutsOnX86AndArm64() {
        for (LinuxAbi abi : List.of(LinuxAbi.X86_64, LinuxAbi.AARCH64)) {
            assertMsghdr(abi, 56, 0, 8, 16, 24, 32, 40, 48);
            assertEquals(64, abi.mmsghdr().byteSize(), "sizeof(struct mmsghdr)");
            assertEquals(56, abi.offset(abi.mmsghdr(), "msg_len"));
            assertEquals(16, abi.iovec().byteSize());
            assertEquals(8, abi.offset(abi.iovec(), "iov_len"));
            assertEquals(16, abi.cmsghdr().byteSize(), "sizeof(struct cmsghdr)");
            assertEquals(8, abi.offset(abi.cmsghdr(), "cmsg_level"));
            assertEquals(12, abi.offset(abi.cmsghdr(), "cmsg_type"));
            assertEquals(16, abi.cmsgDataOffset(), "timespec starts at offset 16");
            assertEquals(32, abi.cmsgLen(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES), "CMSG_LEN(sizeof(struct timespec))");
            assertEquals(32, abi.cmsgSpace(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES));
            assertEquals(35, abi.soTimestampNs(), "SO_TIMESTAMPNS(_OLD) on 64-bit");
        }
    }

    @Test
    void ilp32LayoutsOnArmhf() {
        LinuxAbi abi = LinuxAbi.ARMHF;
        assertMsghdr(abi, 28, 0, 4, 8, 12, 16, 20, 24);
        assertEquals(32, abi.mmsghdr().byteSize(), "sizeof(struct mmsghdr)");
        assertEquals(28, abi.offset(abi.mmsghdr(), "msg_len"));
        assertEquals(8, abi.iovec().byteSize());
        assertEquals(12, abi.cmsghdr().byteSize());
        assertEquals(12, abi.cmsgDataOffset(), "CMSG_DATA is 4-byte aligned on ILP32");
        assertEquals(28, abi.cmsgLen(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES), "CMSG_LEN(sizeof(struct __kernel_timespec))");
        assertEquals(28, abi.cmsgSpace(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES));
        assertEquals(64, abi.soTimestampNs(), "SO_TIMESTAMPNS_NEW: 64-bit seconds on a 32-bit ABI");
        assertEquals(64, abi.timestampCmsgType());
    }

    @Test
    void controlBufferAndSocketAddressSlotsAreLargeEnough() {
        for (LinuxAbi abi : List.of(LinuxAbi.X86_64, LinuxAbi.AARCH64, LinuxAbi.ARMHF)) {
            assertTrue(abi.cmsgSpace(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES) <= ReceiveLoop.CONTROL_BYTES);
        }
        assertTrue(LinuxAbi.SOCKADDR_IN6_BYTES <= ReceiveLoop.NAME_STRIDE);
    }

    @Test
    void architectureNamesMapToAbis() {
        assertEquals(LinuxAbi.X86_64, LinuxAbi.forOsArch("amd64").orElseThrow());
        assertEquals(LinuxAbi.AARCH64, LinuxAbi.forOsArch("aarch64").orElseThrow());
        assertEquals(LinuxAbi.ARMHF, LinuxAbi.forOsArch("arm").orElseThrow());
        assertTrue(LinuxAbi.forOsArch("riscv64").isEmpty());
        assertTrue(LinuxAbi.forOsArch("ppc64le").isEmpty());
    }
}
