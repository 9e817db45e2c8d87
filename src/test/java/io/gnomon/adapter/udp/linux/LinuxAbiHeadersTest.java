package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every structure layout, offset and constant the Linux FFM path uses, per ABI, against that ABI's own C
 * compiler and glibc/kernel headers: x86_64-linux-gnu-gcc, aarch64-linux-gnu-gcc and arm-linux-gnueabihf-gcc
 * (scripts/test installs the cross g++ packages, which bring the cross gcc with the target's glibc and kernel
 * headers). armhf is compiled with {@code -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64}, the way Debian trixie's
 * armhf userland is built. The Java values go into {@code _Static_assert}s, so a mismatch is a compile error
 * naming the ABI and the C expression. Missing compiler: skipped, or failed under CI=true.
 *
 * <p>Offsets that the package writes as literals rather than from a {@link LinuxAbi} field (sockaddr fields,
 * the timespec halves, errno numbers) are listed here once, checked against C, and checked against what the
 * Java code reads and writes.
 */
class LinuxAbiHeadersTest {

    private record Target(LinuxAbi abi, String compiler, List<String> flags) {
    }

    private static final Target X86_64 = new Target(LinuxAbi.X86_64, "x86_64-linux-gnu-gcc", List.of());
    private static final Target AARCH64 = new Target(LinuxAbi.AARCH64, "aarch64-linux-gnu-gcc", List.of());
    private static final Target ARMHF = new Target(LinuxAbi.ARMHF, "arm-linux-gnueabihf-gcc",
            List.of("-D_TIME_BITS=64", "-D_FILE_OFFSET_BITS=64"));

    /** sockaddr_in / sockaddr_in6 members at the offsets {@link SocketAddresses} writes and reads. */
    private static final List<Field> SOCKADDR_FIELDS = List.of(
            new Field("struct sockaddr_in", "sin_family", 0, 2), new Field("struct sockaddr_in", "sin_port", 2, 2),
            new Field("struct sockaddr_in", "sin_addr", 4, 4),
            new Field("struct sockaddr_in6", "sin6_family", 0, 2), new Field("struct sockaddr_in6", "sin6_port", 2, 2),
            new Field("struct sockaddr_in6", "sin6_flowinfo", 4, 4),
            new Field("struct sockaddr_in6", "sin6_addr", 8, 16),
            new Field("struct sockaddr_in6", "sin6_scope_id", 24, 4));

    /**
     * ReceiveLoop reads a timestamp control message's payload (the kernel's struct, also the first of
     * SO_TIMESTAMPING's three) as two signed 64-bit words: seconds at 0, nanoseconds at 8; and the third
     * (raw hardware) of a transmit timestamp at 32.
     */
    private static final List<Field> KERNEL_TIMESPEC_FIELDS = List.of(
            new Field("struct __kernel_timespec", "tv_sec", 0, 8),
            new Field("struct __kernel_timespec", "tv_nsec", 8, 8),
            new Field("struct scm_timestamping64", "ts[0].tv_sec", 0, 8),
            new Field("struct scm_timestamping64", "ts[0].tv_nsec", 8, 8),
            // the raw hardware stamp of a transmit timestamp (ReceiveLoop counts it when non-zero)
            new Field("struct scm_timestamping64", "ts[2].tv_sec", 32, 8),
            new Field("struct scm_timestamping64", "ts[2].tv_nsec", 40, 8));

    /** The errno numbers LinuxUdpSocket.describe turns into the JDK's words. */
    private static final List<Errno> DESCRIBED_ERRNOS = List.of(
            new Errno("EACCES", 13, "Permission denied"),
            new Errno("EAFNOSUPPORT", 97, "Address family not supported by protocol"),
            new Errno("EADDRINUSE", 98, "Address already in use"),
            new Errno("EADDRNOTAVAIL", 99, "Cannot assign requested address"));

    private record Field(String struct, String member, long offset, long size) {
    }

    private record Errno(String name, int number, String text) {
    }

    @Test
    void x86_64MatchesItsHeaders(@TempDir Path dir) throws Exception {
        assertCompiles(X86_64, dir);
    }

    @Test
    void aarch64MatchesItsHeaders(@TempDir Path dir) throws Exception {
        assertCompiles(AARCH64, dir);
    }

    @Test
    void armhfWith64BitTimeMatchesItsHeaders(@TempDir Path dir) throws Exception {
        assertCompiles(ARMHF, dir);
    }

    /**
     * With 64-bit time_t on armhf, glibc's clock_gettime is {@code __clock_gettime64}: the symbol Libc looks up
     * to fill a 16-byte timespec.
     */
    @Test
    void armhfTime64ClockGettimeIsTheSymbolLibcUses(@TempDir Path dir) throws Exception {
        Path exe = compiler(ARMHF);
        Path src = dir.resolve("clock.c");
        Files.writeString(src, "#include <time.h>\nint now(struct timespec *t) { return clock_gettime(0, t); }\n");
        Path asm = dir.resolve("clock.s");
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-std=gnu11", "-S", "-o", asm.toString()));
        cmd.addAll(ARMHF.flags());
        cmd.add(src.toString());
        assertEquals("", run(cmd).error());
        String text = Files.readString(asm);
        assertTrue(text.contains("__clock_gettime64"), "armhf time64 clock_gettime calls:\n" + text);
    }

    /** The generated check is not vacuous: the pitfall of the old 32-bit-time option on armhf is caught. */
    @Test
    void aWrongNumberFailsNamingTheAbiAndTheExpression(@TempDir Path dir) throws Exception {
        LinuxAbi oldTimeOnArmhf = new LinuxAbi("armhf", 4, 35, 65);
        Result r = check(new Target(oldTimeOnArmhf, ARMHF.compiler(), ARMHF.flags()), dir);
        assertNotEquals("", r.error());
        assertTrue(r.error().contains("armhf: SO_TIMESTAMPNS != 35"), r.error());
        assertTrue(r.error().contains("armhf: SCM_TIMESTAMPNS != 35"), r.error());

        LinuxAbi narrowWordOnX86 = new LinuxAbi("x86_64", 4, 35, 37);
        r = check(new Target(narrowWordOnX86, X86_64.compiler(), X86_64.flags()), dir);
        assertTrue(r.error().contains("x86_64: sizeof(struct msghdr) != 28"), r.error());
        assertTrue(r.error().contains("x86_64: offsetof(struct mmsghdr, msg_hdr.msg_iov) != 8"), r.error());
    }

    /** SocketAddresses writes and reads the members where the C structs have them (checked above). */
    @Test
    void socketAddressesUseTheCheckedOffsets() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(LinuxAbi.SOCKADDR_MAX_BYTES, 8);
            int len = SocketAddresses.write(s, new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 0x1234));
            assertEquals(LinuxAbi.SOCKADDR_IN_BYTES, len);
            assertEquals(LinuxAbi.AF_INET, read(s, "struct sockaddr_in", "sin_family", ByteOrder.nativeOrder()));
            assertEquals(0x1234, read(s, "struct sockaddr_in", "sin_port", ByteOrder.BIG_ENDIAN));
            assertEquals(0x0a010203, read(s, "struct sockaddr_in", "sin_addr", ByteOrder.BIG_ENDIAN));

            InetAddress v6 = InetAddress.getByName("2001:db8::7");
            len = SocketAddresses.write(s, new InetSocketAddress(v6, 123));
            assertEquals(LinuxAbi.SOCKADDR_IN6_BYTES, len);
            assertEquals(LinuxAbi.AF_INET6, read(s, "struct sockaddr_in6", "sin6_family", ByteOrder.nativeOrder()));
            assertEquals(123, read(s, "struct sockaddr_in6", "sin6_port", ByteOrder.BIG_ENDIAN));
            assertEquals(0, read(s, "struct sockaddr_in6", "sin6_flowinfo", ByteOrder.BIG_ENDIAN));
            Field addr = field("struct sockaddr_in6", "sin6_addr");
            assertEquals(InetAddress.getByAddress(s.asSlice(addr.offset(), addr.size()).toArray(ValueLayout.JAVA_BYTE)),
                    v6);
            assertEquals(new InetSocketAddress(v6, 123), SocketAddresses.read(s, len));
        }
    }

    /** glibc's struct timespec (what clock_gettime fills) on an ABI: tv_nsec is a C long. */
    private static List<Field> userTimespec(LinuxAbi abi) {
        return List.of(new Field("struct timespec", "tv_sec", 0, 8),
                new Field("struct timespec", "tv_nsec", 8, abi.word()));
    }

    /** Libc reads clock_gettime's timespec where the C struct has its members, ignoring padding glibc may leave. */
    @Test
    void libcReadsTheCheckedTimespecLayout() {
        for (LinuxAbi abi : List.of(LinuxAbi.X86_64, LinuxAbi.AARCH64, LinuxAbi.ARMHF)) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ts = arena.allocate(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES, 8);
                ts.fill((byte) 0x5a); // padding glibc did not write
                Field sec = userTimespec(abi).get(0);
                Field nsec = userTimespec(abi).get(1);
                ts.set(ValueLayout.JAVA_LONG_UNALIGNED, sec.offset(), 1_764_000_000L);
                if (nsec.size() == 8) {
                    ts.set(ValueLayout.JAVA_LONG_UNALIGNED, nsec.offset(), 999_999_999L);
                } else {
                    ts.set(ValueLayout.JAVA_INT_UNALIGNED, nsec.offset(), 999_999_999);
                }
                assertEquals(1_764_000_000_999_999_999L, Libc.timespecNanos(ts, abi.word(), true), abi.name());
            }
        }
    }

    @Test
    void describedErrnoNumbersAreTheirNames() {
        for (Errno e : DESCRIBED_ERRNOS) {
            assertEquals(e.text(), LinuxUdpSocket.describe(e.number(), "call"), e.name());
        }
    }

    // ---- the generated C ----

    private static String source(LinuxAbi abi) {
        List<String> c = new ArrayList<>();
        c.add("#define _GNU_SOURCE");
        c.add("#include <stddef.h>");
        c.add("#include <errno.h>");
        c.add("#include <time.h>");
        c.add("#include <unistd.h>");
        c.add("#include <sys/socket.h>");
        c.add("#include <netinet/in.h>");
        c.add("#include <linux/time_types.h>");
        c.add("#include <linux/errqueue.h>");
        c.add("#include <linux/net_tstamp.h>");
        c.add("#include <sys/prctl.h>");
        Asserts a = new Asserts(abi.name(), c);

        // the data model the layouts assume
        a.eq("sizeof(void *)", abi.word());
        a.eq("sizeof(size_t)", abi.word());
        a.eq("sizeof(socklen_t)", 4);
        a.eq("sizeof(time_t)", 8);
        a.eq("sizeof(clockid_t)", 4);

        // structures, member by member, from the Java layouts
        a.struct("struct iovec", abi.iovec());
        a.struct("struct msghdr", abi.msghdr());
        a.struct("struct mmsghdr", abi.mmsghdr());
        a.struct("struct cmsghdr", abi.cmsghdr());

        // CMSG_* arithmetic
        a.eq("CMSG_LEN(0)", abi.cmsgDataOffset());
        a.eq("CMSG_LEN(4)", abi.cmsgLen(4));
        a.eq("CMSG_SPACE(4)", abi.cmsgSpace(4));
        a.eq("CMSG_LEN(sizeof(struct timespec))", abi.cmsgLen(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES));
        a.eq("CMSG_SPACE(sizeof(struct timespec))", abi.cmsgSpace(LinuxAbi.TIMESTAMP_PAYLOAD_BYTES));
        for (long n : new long[] {1, 4, 13, 16, 20, 44, 48}) {
            a.eq("CMSG_ALIGN(" + n + ")", abi.cmsgAlign(n));
        }

        // the timestamp options and the control messages they deliver
        a.eq("SO_TIMESTAMPNS", abi.soTimestampNs());
        a.eq("SCM_TIMESTAMPNS", abi.timestampCmsgType());
        a.eq("SO_TIMESTAMPING", abi.soTimestamping());
        a.eq("SCM_TIMESTAMPING", abi.soTimestamping());
        boolean time64OnIlp32 = abi.word() == 4;
        a.eq(time64OnIlp32 ? "SO_TIMESTAMPNS_NEW" : "SO_TIMESTAMPNS_OLD", abi.soTimestampNs());
        a.eq(time64OnIlp32 ? "SO_TIMESTAMPING_NEW" : "SO_TIMESTAMPING_OLD", abi.soTimestamping());
        a.eq("sizeof(struct timespec)", LinuxAbi.TIMESTAMP_PAYLOAD_BYTES);
        a.eq("sizeof(struct __kernel_timespec)", LinuxAbi.TIMESTAMP_PAYLOAD_BYTES);
        for (Field f : KERNEL_TIMESPEC_FIELDS) {
            a.field(f);
        }
        for (Field f : userTimespec(abi)) {
            a.field(f);
        }
        if (!time64OnIlp32) {
            // SO_TIMESTAMPING_OLD's payload on LP64 is the native struct, the same as the 64-bit one
            a.eq("sizeof(struct scm_timestamping)", 48);
        }
        a.eq("sizeof(struct scm_timestamping64)", 48);
        a.eq("offsetof(struct sock_extended_err, ee_data)", LinuxAbi.SOCK_EE_DATA_OFFSET);
        a.eq("sizeof(((struct sock_extended_err *) 0)->ee_data)", 4);

        // control buffers: receive (SCM_TIMESTAMPNS and SCM_TIMESTAMPING) and error queue (timestamp + IPv6 error)
        a.le("CMSG_SPACE(sizeof(struct timespec)) + CMSG_SPACE(sizeof(struct scm_timestamping64))"
                + " + CMSG_SPACE(sizeof(struct in6_pktinfo))", ReceiveLoop.CONTROL_BYTES);

        // the source-address messages (IP_PKTINFO / IPV6_PKTINFO on a wildcard socket)
        a.eq("IP_PKTINFO", LinuxAbi.IP_PKTINFO);
        a.eq("IPV6_RECVPKTINFO", LinuxAbi.IPV6_RECVPKTINFO);
        a.eq("IPV6_PKTINFO", LinuxAbi.IPV6_PKTINFO);
        a.eq("sizeof(struct in_pktinfo)", LinuxAbi.IN_PKTINFO_BYTES);
        a.eq("offsetof(struct in_pktinfo, ipi_spec_dst)", 4);
        a.eq("sizeof(struct in6_pktinfo)", LinuxAbi.IN6_PKTINFO_BYTES);
        a.eq("offsetof(struct in6_pktinfo, ipi6_addr)", 0);
        a.eq("offsetof(struct in6_pktinfo, ipi6_ifindex)", 16);
        // the gather pause: clock_nanosleep on CLOCK_MONOTONIC, and the thread's timer slack
        a.eq("CLOCK_MONOTONIC", LinuxAbi.CLOCK_MONOTONIC);
        a.eq("PR_SET_TIMERSLACK", LinuxAbi.PR_SET_TIMERSLACK);
        a.le("CMSG_SPACE(sizeof(struct scm_timestamping64))"
                + " + CMSG_SPACE(sizeof(struct sock_extended_err) + sizeof(struct sockaddr_in6))",
                ReceiveLoop.ERR_CONTROL_BYTES);
        a.eq("(" + ReceiveLoop.CONTROL_BYTES + " % _Alignof(struct cmsghdr))", 0);
        a.eq("(" + ReceiveLoop.ERR_CONTROL_BYTES + " % _Alignof(struct cmsghdr))", 0);

        // socket addresses
        a.eq("sizeof(struct sockaddr_in)", LinuxAbi.SOCKADDR_IN_BYTES);
        a.eq("sizeof(struct sockaddr_in6)", LinuxAbi.SOCKADDR_IN6_BYTES);
        a.eq("sizeof(struct sockaddr_in6)", LinuxAbi.SOCKADDR_MAX_BYTES);
        a.le("sizeof(struct sockaddr_in6)", ReceiveLoop.NAME_STRIDE);
        a.eq("(" + ReceiveLoop.NAME_STRIDE + " % _Alignof(struct sockaddr_in6))", 0);
        for (Field f : SOCKADDR_FIELDS) {
            a.field(f);
        }

        // constants
        a.eq("SOF_TIMESTAMPING_TX_SOFTWARE", LinuxAbi.SOF_TIMESTAMPING_TX_SOFTWARE);
        a.eq("SOF_TIMESTAMPING_SOFTWARE", LinuxAbi.SOF_TIMESTAMPING_SOFTWARE);
        a.eq("SOF_TIMESTAMPING_OPT_ID", LinuxAbi.SOF_TIMESTAMPING_OPT_ID);
        a.eq("SOF_TIMESTAMPING_OPT_TSONLY", LinuxAbi.SOF_TIMESTAMPING_OPT_TSONLY);
        a.eq("SOL_IP", LinuxAbi.SOL_IP);
        a.eq("IP_RECVERR", LinuxAbi.IP_RECVERR);
        a.eq("SOL_IPV6", LinuxAbi.SOL_IPV6);
        a.eq("IPV6_RECVERR", LinuxAbi.IPV6_RECVERR);
        a.eq("MSG_ERRQUEUE", LinuxAbi.MSG_ERRQUEUE);
        a.eq("SOL_SOCKET", LinuxAbi.SOL_SOCKET);
        a.eq("SO_REUSEPORT", LinuxAbi.SO_REUSEPORT);
        a.eq("SO_RCVBUF", LinuxAbi.SO_RCVBUF);
        a.eq("SO_RCVBUFFORCE", LinuxAbi.SO_RCVBUFFORCE);
        a.eq("AF_INET", LinuxAbi.AF_INET);
        a.eq("AF_INET6", LinuxAbi.AF_INET6);
        a.eq("SOCK_DGRAM", LinuxAbi.SOCK_DGRAM);
        a.eq("SOCK_CLOEXEC", LinuxAbi.SOCK_CLOEXEC);
        a.eq("IPPROTO_IPV6", LinuxAbi.IPPROTO_IPV6);
        a.eq("IPV6_V6ONLY", LinuxAbi.IPV6_V6ONLY);
        a.eq("MSG_TRUNC", LinuxAbi.MSG_TRUNC);
        a.eq("MSG_CTRUNC", LinuxAbi.MSG_CTRUNC);
        a.eq("MSG_DONTWAIT", LinuxAbi.MSG_DONTWAIT);
        a.eq("MSG_WAITFORONE", LinuxAbi.MSG_WAITFORONE);
        a.eq("SHUT_RDWR", LinuxAbi.SHUT_RDWR);
        a.eq("CLOCK_REALTIME", LinuxAbi.CLOCK_REALTIME);
        a.eq("EINTR", LinuxAbi.EINTR);
        a.eq("EAGAIN", LinuxAbi.EAGAIN);
        for (Errno e : DESCRIBED_ERRNOS) {
            a.eq(e.name(), e.number());
        }

        // Libc's downcall descriptors: int and pointer parameters, int results
        a.type("socket", "int (int, int, int)");
        a.type("setsockopt", "int (int, int, int, const void *, socklen_t)");
        a.type("recvmmsg", "int (int, struct mmsghdr *, unsigned int, int, struct timespec *)");
        a.type("sendmmsg", "int (int, struct mmsghdr *, unsigned int, int)");
        a.type("shutdown", "int (int, int)");
        a.type("close", "int (int)");
        a.type("clock_gettime", "int (clockid_t, struct timespec *)");
        a.type("clock_nanosleep", "int (clockid_t, int, const struct timespec *, struct timespec *)");
        a.type("prctl", "int (int, ...)");
        return String.join("\n", c) + "\n";
    }

    /** Collects _Static_asserts whose message names the ABI, the expression and the Java value. */
    private record Asserts(String abi, List<String> out) {
        void eq(String expr, long java) {
            out.add("_Static_assert((" + expr + ") == " + java + ", \"" + abi + ": " + expr + " != " + java + "\");");
        }

        void le(String expr, long java) {
            out.add("_Static_assert((" + expr + ") <= " + java + ", \"" + abi + ": " + expr + " > " + java + "\");");
        }

        void type(String function, String type) {
            out.add("_Static_assert(__builtin_types_compatible_p(__typeof__(" + function + "), " + type + "), \""
                    + abi + ": " + function + " is not " + type + "\");");
        }

        void field(Field f) {
            eq("offsetof(" + f.struct() + ", " + f.member() + ")", f.offset());
            eq("sizeof(((" + f.struct() + " *) 0)->" + f.member() + ")", f.size());
        }

        /** sizeof, and every named member's offset and size, nested structs included. */
        void struct(String cStruct, StructLayout layout) {
            eq("sizeof(" + cStruct + ")", layout.byteSize());
            members(cStruct, "", layout, 0);
        }

        private void members(String cStruct, String prefix, GroupLayout group, long base) {
            long at = base;
            for (MemoryLayout m : group.memberLayouts()) {
                if (!(m instanceof PaddingLayout)) {
                    String name = prefix + m.name().orElseThrow();
                    field(new Field(cStruct, name, at, m.byteSize()));
                    if (m instanceof GroupLayout inner) {
                        members(cStruct, name + ".", inner, at);
                    }
                }
                at += m.byteSize();
            }
        }
    }

    // ---- running the compilers ----

    private record Result(String error) {
    }

    private static void assertCompiles(Target t, Path dir) throws Exception {
        Result r = check(t, dir);
        assertEquals("", r.error(), t.compiler() + " (" + t.abi().name() + " " + t.flags()
                + ") rejects the Java layout or constants:\n" + r.error());
    }

    private static Result check(Target t, Path dir) throws Exception {
        Path exe = compiler(t);
        Path src = dir.resolve(t.abi().name() + ".c");
        Files.writeString(src, source(t.abi()));
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-std=gnu11", "-fsyntax-only"));
        cmd.addAll(t.flags());
        cmd.add(src.toString());
        return run(cmd);
    }

    private static Path compiler(Target t) {
        Path exe = Path.of("/usr/bin", t.compiler());
        if (!Files.isExecutable(exe)) {
            assertFalse("true".equals(System.getenv("CI")), t.compiler() + " missing under CI=true");
            Assumptions.abort(t.compiler() + " not installed");
        }
        return exe;
    }

    /** Empty error text when the compiler exits 0, else its output (never empty). */
    private static Result run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "compiler hung: " + cmd);
        return new Result(p.exitValue() == 0 ? "" : "exit " + p.exitValue() + "\n" + out);
    }

    private static Field field(String struct, String member) {
        return SOCKADDR_FIELDS.stream().filter(f -> f.struct().equals(struct) && f.member().equals(member))
                .findFirst().orElseThrow();
    }

    private static long read(MemorySegment s, String struct, String member, ByteOrder order) {
        Field f = field(struct, member);
        return switch ((int) f.size()) {
            case 2 -> Short.toUnsignedInt(s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), f.offset()));
            case 4 -> Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), f.offset()));
            default -> throw new IllegalArgumentException(member);
        };
    }
}
