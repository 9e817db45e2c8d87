package io.gnomon.adapter.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemoryLayout.PathElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java struct layout, the ADJ_/STA_ constants and the system call numbers against what each architecture's
 * own compiler and headers say: the host gcc for x86_64 and the Debian cross compilers for aarch64 and armhf
 * (scripts/test installs g++-aarch64-linux-gnu and g++-arm-linux-gnueabihf: they bring gcc and, unlike the gcc
 * packages without recommends, the target's kernel and
 * glibc headers). The numbers go into _Static_asserts, so a mismatch is a compile error naming the field and ABI.
 * Missing compiler: skipped, or failed under CI=true.
 */
class KernelTimexLayoutTest {

    private static final Map<ClockAdjtimeSyscall, String> COMPILERS = Map.of(
            ClockAdjtimeSyscall.X86_64, "x86_64-linux-gnu-gcc",
            ClockAdjtimeSyscall.AARCH64, "aarch64-linux-gnu-gcc",
            ClockAdjtimeSyscall.ARMHF, "arm-linux-gnueabihf-gcc");

    @Test
    void layoutIsTheSameOnEveryAbiAndHasTheKernelSize() {
        assertEquals(208, KernelTimex.LAYOUT.byteSize());
        assertEquals(8, KernelTimex.offsetOf("offset"));
        assertEquals(72, KernelTimex.offsetOf("time"));
        assertEquals(160, KernelTimex.offsetOf("tai"));
    }

    @Test
    void architecturesMapToTheirCallAndOthersAreRefusedInOneLine() {
        assertEquals(ClockAdjtimeSyscall.X86_64, ClockAdjtimeSyscall.forOsArch("amd64").orElseThrow());
        assertEquals(ClockAdjtimeSyscall.AARCH64, ClockAdjtimeSyscall.forOsArch("aarch64").orElseThrow());
        assertEquals(ClockAdjtimeSyscall.ARMHF, ClockAdjtimeSyscall.forOsArch("arm").orElseThrow());
        String riscv = org.junit.jupiter.api.Assertions.assertThrows(io.gnomon.discipline.KernelClockException.class,
                () -> LinuxKernelClock.open("Linux", "riscv64")).getMessage();
        assertEquals("kernel clock discipline: unsupported architecture riscv64 (Gnomon knows struct timex on x86_64,"
                + " aarch64 and armhf)", riscv);
        String mac = org.junit.jupiter.api.Assertions.assertThrows(io.gnomon.discipline.KernelClockException.class,
                () -> LinuxKernelClock.open("Mac OS X", "aarch64")).getMessage();
        assertEquals("kernel clock discipline needs Linux (this is Mac OS X)", mac);
    }

    @Test
    void kernelTimexMatchesX86_64Headers(@TempDir Path dir) throws Exception {
        check(ClockAdjtimeSyscall.X86_64, dir);
    }

    @Test
    void kernelTimexMatchesAarch64Headers(@TempDir Path dir) throws Exception {
        check(ClockAdjtimeSyscall.AARCH64, dir);
    }

    @Test
    void kernelTimexMatchesArmhfHeaders(@TempDir Path dir) throws Exception {
        check(ClockAdjtimeSyscall.ARMHF, dir);
    }

    private static void check(ClockAdjtimeSyscall abi, Path dir) throws Exception {
        String compiler = COMPILERS.get(abi);
        Path exe = Path.of("/usr/bin", compiler);
        if (!Files.isExecutable(exe)) {
            assertFalse("true".equals(System.getenv("CI")), compiler + " missing under CI=true");
            org.junit.jupiter.api.Assumptions.abort(compiler + " not installed");
        }
        // the kernel struct and the system call number
        Path kernel = dir.resolve("kernel.c");
        Files.writeString(kernel, "#include <stddef.h>\n#include <linux/timex.h>\n#include <asm/unistd.h>\n"
                + asserts("struct __kernel_timex", abi)
                + "_Static_assert(__NR_" + abi.callName() + " == " + abi.number() + ", \"" + abi.abi() + ": __NR_"
                + abi.callName() + " is not " + abi.number() + "\");\n"
                + "_Static_assert(sizeof(long) == " + (abi == ClockAdjtimeSyscall.ARMHF ? 4 : 8)
                + ", \"C long width\");\n"
                + constants(abi));
        compile(exe, kernel, List.of());
        // glibc's struct timex with 64-bit time (Debian trixie armhf's default) is the same struct
        Path glibc = dir.resolve("glibc.c");
        Files.writeString(glibc, "#include <stddef.h>\n#include <sys/timex.h>\n" + asserts("struct timex", abi));
        compile(exe, glibc, List.of("-D_TIME_BITS=64", "-D_FILE_OFFSET_BITS=64"));
    }

    private static String asserts(String struct, ClockAdjtimeSyscall abi) {
        StringBuilder c = new StringBuilder();
        c.append(staticAssert("sizeof(" + struct + ")", KernelTimex.LAYOUT.byteSize(), abi));
        for (String field : KernelTimex.FIELDS) {
            c.append(staticAssert("offsetof(" + struct + ", " + field + ")", KernelTimex.offsetOf(field), abi));
        }
        for (String inner : List.of("tv_sec", "tv_usec")) {
            long off = KernelTimex.LAYOUT.byteOffset(PathElement.groupElement("time"), PathElement.groupElement(inner));
            c.append(staticAssert("offsetof(" + struct + ", time." + inner + ")", off, abi));
            c.append(staticAssert("sizeof(((" + struct + " *) 0)->time." + inner + ")", 8, abi));
        }
        for (String wide : List.of("offset", "freq", "maxerror", "esterror", "tick", "ppsfreq")) {
            c.append(staticAssert("sizeof(((" + struct + " *) 0)->" + wide + ")", 8, abi));
        }
        return c.toString();
    }

    private static String constants(ClockAdjtimeSyscall abi) {
        Map<String, Integer> values = Map.ofEntries(
                Map.entry("ADJ_FREQUENCY", KernelTimex.ADJ_FREQUENCY), Map.entry("ADJ_MAXERROR", KernelTimex.ADJ_MAXERROR),
                Map.entry("ADJ_ESTERROR", KernelTimex.ADJ_ESTERROR), Map.entry("ADJ_STATUS", KernelTimex.ADJ_STATUS),
                Map.entry("ADJ_SETOFFSET", KernelTimex.ADJ_SETOFFSET), Map.entry("ADJ_NANO", KernelTimex.ADJ_NANO),
                Map.entry("STA_PLL", KernelTimex.STA_PLL), Map.entry("STA_PPSFREQ", KernelTimex.STA_PPSFREQ),
                Map.entry("STA_PPSTIME", KernelTimex.STA_PPSTIME), Map.entry("STA_FLL", KernelTimex.STA_FLL),
                Map.entry("STA_INS", KernelTimex.STA_INS), Map.entry("STA_DEL", KernelTimex.STA_DEL),
                Map.entry("STA_UNSYNC", KernelTimex.STA_UNSYNC), Map.entry("STA_FREQHOLD", KernelTimex.STA_FREQHOLD),
                Map.entry("STA_NANO", KernelTimex.STA_NANO), Map.entry("STA_RONLY", KernelTimex.STA_READ_ONLY));
        StringBuilder c = new StringBuilder();
        values.forEach((name, v) -> c.append(staticAssert(name, v, abi)));
        return c.toString();
    }

    private static String staticAssert(String expr, long expected, ClockAdjtimeSyscall abi) {
        return "_Static_assert(" + expr + " == " + expected + ", \"" + abi.abi() + ": " + expr.replace("\"", "")
                + " != " + expected + "\");\n";
    }

    private static void compile(Path compiler, Path source, List<String> flags) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(compiler.toString(), "-std=gnu11", "-fsyntax-only"));
        cmd.addAll(flags);
        cmd.add(source.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "compiler hung");
        assertEquals(0, p.exitValue(), compiler.getFileName() + " rejected the layout:\n" + out);
    }
}
