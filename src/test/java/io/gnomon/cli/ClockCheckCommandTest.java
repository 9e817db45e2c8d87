package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.LinuxKernelClock;
import io.gnomon.adapter.clock.ProcessCapabilities;
import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;
import io.gnomon.discipline.KernelLeap;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClockCheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    /** A kernel clock that only reads: any adjust() fails the test. */
    private record ReadOnly(KernelClock inner) implements KernelClock {
        @Override
        public KernelClockState read() throws KernelClockException {
            return inner.read();
        }

        @Override
        public KernelClockState adjust(KernelClockAdjustment adjustment) {
            throw new AssertionError("clock-check must never adjust the clock: " + adjustment);
        }
    }

    private static KernelClock fixed(KernelClockState s) {
        return new ReadOnly(new KernelClock() {
            @Override
            public KernelClockState read() {
                return s;
            }

            @Override
            public KernelClockState adjust(KernelClockAdjustment adjustment) {
                throw new AssertionError();
            }
        });
    }

    private int run(Path proc, ClockCheckCommand.Opener opener) {
        CommandLine cl = new CommandLine(new ClockCheckCommand(proc, dir.resolve("etc"), opener));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute();
    }

    private Path fakeProc(String capEff) throws Exception {
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t" + capEff
                + "\nCapBnd:\t000001ffffffffff\n");
        process(proc, 1, "systemd", "/sbin/init");
        process(proc, 17, "bash", "bash");
        Files.createDirectories(proc.resolve("sys"));
        return proc;
    }

    private static void process(Path proc, long pid, String comm, String... args) throws Exception {
        Path p = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(p.resolve("comm"), comm + "\n");
        Files.writeString(p.resolve("cmdline"), String.join("\0", args) + "\0");
    }

    private static final KernelClockState UNSYNC = new KernelClockState(-12.25, 10_000, 16_000_000, 16_000_000, true,
            KernelLeap.NONE, 0x2041, 0, 5);

    @Test
    void capabilityAndQuietHostGiveAWorkingVerdict() throws Exception {
        Path proc = fakeProc("0000000002000400"); // CAP_SYS_TIME (25) and CAP_NET_BIND_SERVICE (10)
        process(proc, 300, "chronyd", "chronyd", "-Q", "-f", "/tmp/x.conf");
        assertEquals(0, run(proc, () -> fixed(UNSYNC)));
        String text = out.toString();
        assertTrue(text.contains("  clock state    TIME_ERROR (clock not synchronised)"), text);
        assertTrue(text.contains("  synchronised   no (STA_UNSYNC set)"), text);
        assertTrue(text.contains("  frequency      -12.250 ppm"), text);
        assertTrue(text.contains("  tick           10000 µs (100 Hz USER_HZ)"), text);
        assertTrue(text.contains("  maxerror       16000000 µs (16.000000 s)"), text);
        assertTrue(text.contains("  leap pending   none"), text);
        assertTrue(text.contains("  TAI offset     0 s (not set)"), text);
        assertTrue(text.contains("  status         0x2041 STA_PLL STA_UNSYNC STA_NANO (kernel PLL on"), text);
        assertTrue(text.contains("CAP_SYS_TIME: this process has it (CapEff 0000000002000400)"), text);
        assertTrue(text.contains("chronyd (pid 300) does not steer the clock (-Q: measures only)"), text);
        assertTrue(text.contains("kernel-discipline drop-in: not installed"), text);
        assertTrue(text.strip().endsWith("verdict: clock-discipline kernel would work"), text);
    }

    @Test
    void missingCapabilityAndRivalDaemonsAreEachAReason() throws Exception {
        Path proc = fakeProc("0000000000000400");
        process(proc, 812, "chronyd", "/usr/sbin/chronyd", "-F", "1");
        process(proc, 77, "systemd-timesyn", "/lib/systemd/systemd-timesyncd");
        process(proc, 4242, "ptp4l", "ptp4l", "-i", "eth0");
        Files.createDirectories(dir.resolve("etc/systemd/system/gnomon.service.d"));
        Files.writeString(dir.resolve("etc").resolve(ClockCheckCommand.DROP_IN), "[Service]\n");
        KernelClockState leap = new KernelClockState(3.5, 10_000, 120, 4, false, KernelLeap.INSERT, 0x0011, 37, 1);
        assertEquals(1, run(proc, () -> fixed(leap)));
        String text = out.toString();
        assertTrue(text.contains("  clock state    TIME_INS"), text);
        assertTrue(text.contains("  leap pending   insert a second at the next UTC midnight (STA_INS)"), text);
        assertTrue(text.contains("  TAI offset     37 s\n"), text);
        assertTrue(text.contains("CAP_SYS_TIME: this process lacks it"), text);
        assertTrue(text.contains("kernel-discipline drop-in: installed"), text);
        assertTrue(text.contains("  systemd-timesyncd (pid 77) steers the clock"), text);
        List<String> verdicts = text.lines().filter(l -> l.startsWith("verdict:")).toList();
        assertEquals(List.of("verdict: clock-discipline kernel would fail: no CAP_SYS_TIME (the service gets it from"
                + " the kernel-discipline drop-in, docs/APPLIANCE.md); systemd-timesyncd (pid 77) also steers the clock;"
                + " chronyd (pid 812) also steers the clock; ptp4l (pid 4242) also steers the clock"), verdicts);
    }

    @Test
    void anUnreadableClockOrStatusIsSaidNotHidden() throws Exception {
        Path proc = fakeProc("zz-not-hex");
        assertEquals(1, run(proc, () -> {
            throw new KernelClockException("kernel clock discipline: unsupported architecture riscv64", 0);
        }));
        String text = out.toString();
        assertTrue(text.contains("kernel clock: cannot read: kernel clock discipline: unsupported architecture"), text);
        assertTrue(text.contains("CAP_SYS_TIME: unknown"), text);
        assertTrue(text.contains("other time daemons: none running"), text);
        assertTrue(text.contains("verdict: clock-discipline kernel would fail: the kernel clock cannot be read"), text);
    }

    @Test
    void capEffParsing() {
        assertTrue(ProcessCapabilities.parse("CapEff:\t000001fffeffffff\n").orElseThrow()
                .has(ProcessCapabilities.CAP_SYS_TIME));
        assertFalse(ProcessCapabilities.parse("CapEff:\t000001fffdffffff\n").orElseThrow()
                .has(ProcessCapabilities.CAP_SYS_TIME));
        assertTrue(ProcessCapabilities.parse("CapPrm:\t0\n").isEmpty());
        assertTrue(ProcessCapabilities.parse("CapEff:\t\n").isEmpty());
        assertTrue(ProcessCapabilities.parse("CapEff:\t10000000000000000\n").isEmpty());
    }

    /** The real /proc and the real kernel clock, read only (the wrapper fails the test on any adjust). */
    @Test
    void onThisHostItReadsTheRealClockAndGivesOneVerdict() throws KernelClockException {
        Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "x86_64 build machine");
        int code = run(Path.of("/proc"), () -> new ReadOnly(LinuxKernelClock.open()));
        String text = out.toString();
        assertTrue(text.contains("kernel clock (CLOCK_REALTIME, read only):"), text);
        assertEquals("clock_adjtime (x86_64, syscall 305)", LinuxKernelClock.open().callDescription());
        assertTrue(text.contains("  clock state    TIME_"), text);
        assertTrue(text.contains("  tick           "), text);
        assertTrue(text.contains("CAP_SYS_TIME: this process "), text);
        List<String> verdicts = text.lines().filter(l -> l.startsWith("verdict: ")).toList();
        assertEquals(1, verdicts.size(), text);
        assertEquals(code == 0, verdicts.getFirst().equals("verdict: clock-discipline kernel would work"), text);
    }
}
