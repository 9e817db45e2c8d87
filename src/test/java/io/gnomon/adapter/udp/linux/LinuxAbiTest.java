package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structure layouts per ABI against the C ABI's numbers: LP64 (x86_64, aarch64) and ILP32 (armhf, the
 * ARM EABI: 4-byte pointers and size_t). On the build machine the x86_64 layout is also checked against
 * gcc's own offsetof/sizeof.
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

    /** The x86_64 numbers from the C compiler itself (gcc is in scripts/test's needed list). */
    @Test
    void x86LayoutMatchesGccOnThisMachine(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "x86_64 build machine only");
        boolean haveGcc = Files.isExecutable(Path.of("/usr/bin/gcc"));
        if (!haveGcc) {
            assertTrue(!"true".equals(System.getenv("CI")), "gcc missing under CI=true");
            assumeTrue(false, "gcc not installed");
        }
        Path src = dir.resolve("layout.c");
        Files.writeString(src, """
                #define _GNU_SOURCE
                #include <stdio.h>
                #include <stddef.h>
                #include <sys/socket.h>
                #include <netinet/in.h>
                #include <time.h>
                int main(void) {
                  printf("%zu %zu %zu %zu %zu %zu %zu %zu\\n", sizeof(struct msghdr),
                    offsetof(struct msghdr, msg_namelen), offsetof(struct msghdr, msg_iov),
                    offsetof(struct msghdr, msg_iovlen), offsetof(struct msghdr, msg_control),
                    offsetof(struct msghdr, msg_controllen), offsetof(struct msghdr, msg_flags),
                    sizeof(struct mmsghdr));
                  printf("%zu %zu %zu %zu %zu\\n", offsetof(struct mmsghdr, msg_len), sizeof(struct cmsghdr),
                    (size_t) CMSG_LEN(sizeof(struct timespec)), sizeof(struct sockaddr_in),
                    sizeof(struct sockaddr_in6));
                  printf("%d %d %d %d %d\\n", SOL_SOCKET, SO_TIMESTAMPNS, SCM_TIMESTAMPNS, SO_REUSEPORT, MSG_WAITFORONE);
                  printf("%d %d %d %d %zu %zu %zu\\n", SOL_IP, IP_PKTINFO, IPV6_RECVPKTINFO, IPV6_PKTINFO,
                    sizeof(struct in_pktinfo), sizeof(struct in6_pktinfo), offsetof(struct in_pktinfo, ipi_spec_dst));
                  return 0;
                }
                """);
        Path exe = dir.resolve("layout");
        run(List.of("/usr/bin/gcc", "-o", exe.toString(), src.toString()));
        List<String> lines = run(List.of(exe.toString()));
        LinuxAbi abi = LinuxAbi.X86_64;
        StructLayout m = abi.msghdr();
        assertEquals(List.of(m.byteSize(), abi.offset(m, "msg_namelen"), abi.offset(m, "msg_iov"),
                abi.offset(m, "msg_iovlen"), abi.offset(m, "msg_control"), abi.offset(m, "msg_controllen"),
                abi.offset(m, "msg_flags"), abi.mmsghdr().byteSize()).toString(), longs(lines.get(0)).toString());
        assertEquals(List.of(abi.offset(abi.mmsghdr(), "msg_len"), abi.cmsghdr().byteSize(),
                abi.cmsgLen(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES), (long) LinuxAbi.SOCKADDR_IN_BYTES,
                (long) LinuxAbi.SOCKADDR_IN6_BYTES).toString(), longs(lines.get(1)).toString());
        assertEquals(List.of((long) LinuxAbi.SOL_SOCKET, (long) abi.soTimestampNs(), (long) abi.timestampCmsgType(),
                (long) LinuxAbi.SO_REUSEPORT, (long) LinuxAbi.MSG_WAITFORONE).toString(),
                longs(lines.get(2)).toString());
        // the source-address messages (ReceiveLoop writes ipi_spec_dst at 4 of in_pktinfo)
        assertEquals(List.of((long) LinuxAbi.SOL_IP, (long) LinuxAbi.IP_PKTINFO, (long) LinuxAbi.IPV6_RECVPKTINFO,
                (long) LinuxAbi.IPV6_PKTINFO, (long) LinuxAbi.IN_PKTINFO_BYTES, (long) LinuxAbi.IN6_PKTINFO_BYTES, 4L)
                .toString(), longs(lines.get(3)).toString());
    }

    private static List<Long> longs(String line) {
        List<Long> out = new ArrayList<>();
        for (String w : line.trim().split("\\s+")) {
            out.add(Long.parseLong(w));
        }
        return out;
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
