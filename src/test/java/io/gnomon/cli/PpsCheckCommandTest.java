package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PpsCheckCommandTest {

    private static final long S = 1_000_000_000L;

    private record Run(int code, String out, String err) {}

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A scripted source on a fake clock: each reading advances the clock by one second. */
    private static final class ScriptedSource implements PpsSource {
        final Deque<PpsReading> script;
        final AtomicLong now;
        boolean closed;

        ScriptedSource(AtomicLong now, List<PpsReading> readings) {
            this.now = now;
            this.script = new ArrayDeque<>(readings);
        }

        @Override public String device() { return "/dev/pps0"; }
        @Override public String clockDomain() { return "CLOCK_REALTIME"; }
        @Override public PpsReading next(Duration timeout) {
            now.addAndGet(Math.min(timeout.toNanos(), S));
            return script.isEmpty() ? new PpsReading.NoEdge() : script.poll();
        }
        @Override public void close() { closed = true; }
    }

    private static PpsReading edge(long seq, long nanos) {
        return new PpsReading.Edge(new PpsEdge(seq, new RealtimeTime(nanos)));
    }

    @Test
    void printsEdgesIntervalsAndTheSummary() {
        AtomicLong now = new AtomicLong();
        long t0 = 1_764_071_400L * S;
        var src = new ScriptedSource(now, List.of(
                edge(7, t0), edge(8, t0 + S + 2000), edge(9, t0 + 2 * S),
                new PpsReading.NoEdge(), edge(11, t0 + 4 * S - 1000), edge(12, t0 + 4 * S + 250_000_000L)));
        var cmd = new PpsCheckCommand(name -> src, () -> new MonotonicTime(now.get()));
        Run r = run(new CommandLine(cmd), "/dev/pps0", "--seconds", "8");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains("/dev/pps0") && lines.get(0).contains("CLOCK_REALTIME"), lines.get(0));
        assertTrue(lines.get(1).startsWith("#7") && lines.get(1).contains("1764071400.000000000 realtime")
                && lines.get(1).contains("first edge"), lines.get(1));
        assertTrue(lines.get(2).contains("interval 1.000002000 s (+2000 ns)"), lines.get(2));
        assertTrue(lines.get(4).contains("1 missing") && lines.get(4).contains("sequence skipped 1"), lines.get(4));
        assertTrue(lines.get(5).contains("extra edge"), lines.get(5));
        String summary = lines.getLast();
        assertTrue(summary.startsWith("edges 5, one-second intervals 2, missing 1, extra 1, sequence skipped 1"),
                summary);
        // intervals +2000 ns and -2000 ns: mean exactly 1 s, sample std dev 2828.427 ns
        assertTrue(summary.contains("mean interval 1.000000000 s") && summary.contains("jitter 2.828 µs"), summary);
        assertTrue(src.closed);
    }

    @Test
    void aSilentSourceIsExitCode1WithAHint() {
        AtomicLong now = new AtomicLong();
        var src = new ScriptedSource(now, List.of());
        Run r = run(new CommandLine(new PpsCheckCommand(name -> src, () -> new MonotonicTime(now.get()))),
                "/dev/pps0", "--seconds", "3");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no pulses in 3 s") && r.err().contains("hint"), r.err());
    }

    @Test
    void aDeviceLostMidwayReportsTheReasonAndWhatWasSeen() {
        AtomicLong now = new AtomicLong();
        var src = new ScriptedSource(now, List.of(edge(1, 5 * S),
                new PpsReading.Unavailable(PpsFault.DEVICE_ERROR, "/dev/pps0: ioctl PPS_FETCH: EFAULT")));
        Run r = run(new CommandLine(new PpsCheckCommand(name -> src, () -> new MonotonicTime(now.get()))),
                "/dev/pps0");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("EFAULT") && r.err().contains("device error"), r.err());
        assertTrue(r.out().lines().toList().getLast().startsWith("edges 1,"), r.out());
    }

    @Test
    void aMissingKernelDeviceIsOneLineWithTheOverlayHint(@TempDir Path dir) {
        Run r = run(Main.commandLine(), "pps-check", dir.resolve("pps9").toString(), "--seconds", "1");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no such device") && r.err().contains("ENOENT"), r.err());
        assertTrue(r.err().contains("dtoverlay=pps-gpio,gpiopin=4"), r.err());
    }

    @Test
    void aRegularFileIsNotAPpsDevice(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pps0"), "x");
        Run r = run(Main.commandLine(), "pps-check", file.toString(), "--seconds", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not a PPS device") && r.err().contains("ENOTTY"), r.err());
    }

    @Test
    void aMissingGpioChipIsAReasonNotACrash() {
        if (Files.exists(Path.of("/dev/gpiochip0"))) {
            return; // real GPIO here: the line might open
        }
        Run r = run(Main.commandLine(), "pps-check", "gpiochip0:4", "--seconds", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("gpiochip0:4") && r.err().contains("hint"), r.err());
    }

    @Test
    void anUnknownDeviceNameIsAUsageError() {
        Run r = run(Main.commandLine(), "pps-check", "pps0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("/dev/ppsN"), r.err());
    }

    /** End to end over a fake sysfs directory that a thread rewrites like the kernel would. */
    @Test
    void readsAFakeSysfsDevice(@TempDir Path dir) throws Exception {
        Path assertFile = dir.resolve("assert");
        write(dir, assertFile, "1764071400.000000500#100\n");
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 1; i <= 12; i++) {
                    Thread.sleep(150);
                    write(dir, assertFile, String.format("%d.%09d#%d%n", 1764071400L + i, 500 + i, 100 + i));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Run r = run(Main.commandLine(), "pps-check", dir.toString(), "--seconds", "2");
        writer.join();
        assertEquals(0, r.code(), r.err());
        List<String> edges = r.out().lines().filter(l -> l.startsWith("#")).toList();
        assertTrue(edges.size() >= 2, r.out());
        assertTrue(edges.getFirst().contains("realtime"), edges.getFirst());
        // whatever the timing on a busy machine, every interval between these fake edges is a whole second
        assertTrue(r.out().lines().toList().getLast().contains("extra 0"), r.out());
    }

    private static void write(Path dir, Path target, String text) throws java.io.IOException {
        Path tmp = Files.writeString(dir.resolve("assert.tmp"), text);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
