package io.gnomon.adapter.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;
import io.gnomon.discipline.KernelLeap;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding against C programs gcc compiles at test time, without changing the host clock: read() agrees with
 * glibc's clock_adjtime(CLOCK_REALTIME, modes 0), and for adjustments the bytes the binding would hand the kernel
 * equal the struct timex a C program builds for the same request (on x86_64 glibc's struct timex is the kernel's).
 */
class LinuxKernelClockTest {

    @TempDir
    static Path dir;
    private static Path readProgram;
    private static Path encodeProgram;

    @BeforeAll
    static void compilePrograms() throws Exception {
        Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "x86_64 build machine");
        if (!Files.isExecutable(Path.of("/usr/bin/gcc"))) {
            assertFalse("true".equals(System.getenv("CI")), "gcc missing under CI=true");
            Assumptions.abort("gcc not installed");
        }
        readProgram = compile("read", """
                #define _GNU_SOURCE
                #include <stdio.h>
                #include <string.h>
                #include <sys/timex.h>
                #include <time.h>
                int main(void) {
                  struct timex t;
                  memset(&t, 0, sizeof t);
                  int state = clock_adjtime(CLOCK_REALTIME, &t);
                  if (state < 0) { perror("clock_adjtime"); return 1; }
                  printf("%d %ld %ld %d %d %ld %ld\\n", state, t.freq, t.tick, t.status, t.tai, t.maxerror, t.esterror);
                  return 0;
                }
                """);
        // one request per input line: freq_ppm step_ns maxerror esterror sync leap status_now ("-" = not set);
        // prints the struct's bytes in hex. Written from the man page, independently of KernelTimex.
        encodeProgram = compile("encode", """
                #define _GNU_SOURCE
                #include <math.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                #include <sys/timex.h>
                int main(void) {
                  char f[64], s[64], mx[64], es[64], sy[8], lp[8];
                  int now;
                  while (scanf("%63s %63s %63s %63s %7s %7s %d", f, s, mx, es, sy, lp, &now) == 7) {
                    struct timex t;
                    memset(&t, 0, sizeof t);
                    if (strcmp(f, "-")) { t.modes |= ADJ_FREQUENCY; t.freq = (long) floor(strtod(f, 0) * 65536.0 + 0.5); }
                    if (strcmp(s, "-")) {
                      long long ns = strtoll(s, 0, 10), sec = ns / 1000000000LL, frac = ns % 1000000000LL;
                      if (frac < 0) { frac += 1000000000LL; sec -= 1; }
                      t.modes |= ADJ_SETOFFSET | ADJ_NANO; t.time.tv_sec = sec; t.time.tv_usec = frac;
                    }
                    if (strcmp(mx, "-")) { t.modes |= ADJ_MAXERROR; t.maxerror = strtol(mx, 0, 10); }
                    if (strcmp(es, "-")) { t.modes |= ADJ_ESTERROR; t.esterror = strtol(es, 0, 10); }
                    if (strcmp(sy, "-") || strcmp(lp, "-")) {
                      int st = now & ~STA_RONLY;
                      if (!strcmp(sy, "1")) st &= ~STA_UNSYNC;
                      if (!strcmp(sy, "0")) st |= STA_UNSYNC;
                      if (strcmp(lp, "-")) st &= ~(STA_INS | STA_DEL);
                      if (!strcmp(lp, "ins")) st |= STA_INS;
                      if (!strcmp(lp, "del")) st |= STA_DEL;
                      t.modes |= ADJ_STATUS; t.status = st;
                    }
                    const unsigned char *b = (const unsigned char *) &t;
                    for (size_t i = 0; i < sizeof t; i++) printf("%02x", b[i]);
                    printf("\\n");
                  }
                  return 0;
                }
                """);
    }

    @Test
    void readAgreesWithGlibcClockAdjtime() throws Exception {
        LinuxKernelClock clock = LinuxKernelClock.open();
        // another process may change the clock between the calls: accept the first bracket where C saw no change
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            long[] before = cRead();
            KernelClockState java = clock.read();
            long[] after = cRead();
            try {
                assertEquals(before[0], after[0], "state changed between C calls");
                assertEquals(before[1], after[1], "freq changed between C calls");
                assertEquals(before[3], after[3], "status changed between C calls");
                assertEquals(before[0], java.clockState(), "clock state");
                assertEquals(before[1] / 65536.0, java.frequencyPpm(), 0.0, "freq");
                assertEquals(before[2], java.tickMicros(), "tick");
                assertEquals(before[3], java.status(), "status");
                assertEquals(before[4], java.taiOffsetSeconds(), "tai");
                assertEquals((before[3] & KernelTimex.STA_UNSYNC) != 0, java.unsynchronised());
                assertBetween(before[5], java.maxErrorMicros(), after[5], "maxerror");
                assertBetween(before[6], java.estErrorMicros(), after[6], "esterror");
                return;
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    private static void assertBetween(long a, long value, long b, String what) {
        assertTrue(Math.min(a, b) <= value && value <= Math.max(a, b), what + " " + value + " not within " + a + ".." + b);
    }

    @Test
    void adjustmentsEncodeToTheBytesACProgramBuilds() throws Exception {
        int unsyncPll = KernelTimex.STA_UNSYNC | KernelTimex.STA_PLL | KernelTimex.STA_NANO | KernelTimex.STA_PPSSIGNAL;
        List<Case> cases = new ArrayList<>(List.of(
                new Case(KernelClockAdjustment.none(), 0),
                new Case(KernelClockAdjustment.none().withFrequencyPpm(12.5), 0),
                new Case(KernelClockAdjustment.none().withFrequencyPpm(-37.123456), 0),
                new Case(KernelClockAdjustment.none().withFrequencyPpm(-0.5 / 65536), 0),
                new Case(KernelClockAdjustment.none().withFrequencyPpm(500.0), 0),
                new Case(KernelClockAdjustment.none().withStepNanos(-1_500_000_000L), 0),
                new Case(KernelClockAdjustment.none().withStepNanos(-1L), 0),
                new Case(KernelClockAdjustment.none().withStepNanos(-2_000_000_000L), 0),
                new Case(KernelClockAdjustment.none().withStepNanos(250_000_000L), 0),
                new Case(KernelClockAdjustment.none().withStepNanos(3_000_000_001L), 0),
                new Case(KernelClockAdjustment.none().withErrors(1234, 56), 0),
                new Case(KernelClockAdjustment.none().withStatus(true, KernelLeap.INSERT), unsyncPll),
                new Case(KernelClockAdjustment.none().withStatus(false, KernelLeap.DELETE), KernelTimex.STA_INS),
                new Case(KernelClockAdjustment.none().withStatus(true, KernelLeap.NONE),
                        KernelTimex.STA_DEL | KernelTimex.STA_UNSYNC | KernelTimex.STA_FREQHOLD),
                new Case(KernelClockAdjustment.none().withFrequencyPpm(-499.99).withStepNanos(-300_000_000L)
                        .withErrors(16_000_000, 1).withStatus(false, KernelLeap.NONE), unsyncPll | KernelTimex.STA_INS),
                new Case(new KernelClockAdjustment(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), Optional.of(true), Optional.empty()), unsyncPll | KernelTimex.STA_DEL),
                new Case(new KernelClockAdjustment(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), Optional.empty(), Optional.of(KernelLeap.INSERT)), unsyncPll)));
        Random random = new Random(20261125L);
        for (int i = 0; i < 300; i++) {
            cases.add(randomCase(random));
        }
        List<String> expected = cEncode(cases);
        assertEquals(cases.size(), expected.size());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timex = arena.allocate(KernelTimex.LAYOUT);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                timex.fill((byte) 0x5a); // encode must clear what a previous call left
                KernelTimex.encode(c.adjustment(), c.statusNow(), timex);
                assertEquals(expected.get(i), HexFormat.of().formatHex(timex.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)),
                        "case " + i + ": " + c);
            }
        }
    }

    @Test
    void theStepIsNormalisedAndTheStatusKeepsBitsItDoesNotName() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timex = arena.allocate(KernelTimex.LAYOUT);
            KernelTimex.encode(KernelClockAdjustment.none().withStepNanos(-1_500_000_000L), 0, timex);
            assertEquals(-2, KernelTimex.timeSeconds(timex));
            assertEquals(500_000_000, KernelTimex.timeFraction(timex));
            assertEquals(KernelTimex.ADJ_SETOFFSET | KernelTimex.ADJ_NANO, KernelTimex.modes(timex));
            KernelTimex.encode(KernelClockAdjustment.none().withStatus(true, KernelLeap.INSERT),
                    KernelTimex.STA_PLL | KernelTimex.STA_UNSYNC | KernelTimex.STA_NANO, timex);
            assertEquals(KernelTimex.STA_PLL | KernelTimex.STA_INS, KernelTimex.status(timex));
        }
    }

    @Test
    void requestsNoKernelWouldTakeAreRefusedBeforeTheCall() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timex = arena.allocate(KernelTimex.LAYOUT);
            assertTrue(assertThrows(KernelClockException.class, () -> KernelTimex.encode(
                    KernelClockAdjustment.none().withFrequencyPpm(Double.NaN), 0, timex)).getMessage()
                    .contains("not a number"));
            assertTrue(assertThrows(KernelClockException.class, () -> KernelTimex.encode(
                    KernelClockAdjustment.none().withErrors(-1, 0), 0, timex)).getMessage().contains("maxerror"));
        }
    }

    @Test
    void errnoBecomesOneLineNamingTheField() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timex = arena.allocate(KernelTimex.LAYOUT);
            KernelTimex.encode(KernelClockAdjustment.none().withStepNanos(-1L).withFrequencyPpm(1.0), 0, timex);
            String einval = KernelClockErrors.message(22, timex, n -> "unused");
            assertTrue(einval.startsWith("clock_adjtime: invalid argument (EINVAL) in time (ADJ_SETOFFSET: tv_sec -1,"
                    + " ns 999999999), freq (ADJ_FREQUENCY: 65536 = 1.0 ppm)"), einval);
            assertEquals(KernelClockErrors.NOT_PERMITTED, KernelClockErrors.message(1, timex, n -> "unused"));
            assertEquals("clock_adjtime: Bad address (errno 14)", KernelClockErrors.message(14, timex, n -> "Bad address"));
            assertFalse(einval.contains("\n"));
        } catch (KernelClockException e) {
            throw new AssertionError(e);
        }
    }

    private record Case(KernelClockAdjustment adjustment, int statusNow) {
        String cLine() {
            return (adjustment.frequencyPpm().isPresent() ? Double.toString(adjustment.frequencyPpm().getAsDouble()) : "-")
                    + " " + (adjustment.stepNanos().isPresent() ? adjustment.stepNanos().getAsLong() : "-")
                    + " " + (adjustment.maxErrorMicros().isPresent() ? adjustment.maxErrorMicros().getAsLong() : "-")
                    + " " + (adjustment.estErrorMicros().isPresent() ? adjustment.estErrorMicros().getAsLong() : "-")
                    + " " + adjustment.synchronised().map(b -> b ? "1" : "0").orElse("-")
                    + " " + adjustment.leap().map(l -> switch (l) {
                        case NONE -> "none";
                        case INSERT -> "ins";
                        case DELETE -> "del";
                    }).orElse("-")
                    + " " + statusNow;
        }
    }

    private static Case randomCase(Random r) {
        OptionalDouble freq = r.nextBoolean() ? OptionalDouble.of((r.nextDouble() - 0.5) * 1000) : OptionalDouble.empty();
        OptionalLong step = r.nextBoolean() ? OptionalLong.of(r.nextLong(-10_000_000_000L, 10_000_000_000L))
                : OptionalLong.empty();
        OptionalLong max = r.nextBoolean() ? OptionalLong.of(r.nextLong(0, 16_000_001)) : OptionalLong.empty();
        OptionalLong est = r.nextBoolean() ? OptionalLong.of(r.nextLong(0, 16_000_001)) : OptionalLong.empty();
        Optional<Boolean> sync = r.nextBoolean() ? Optional.of(r.nextBoolean()) : Optional.empty();
        Optional<KernelLeap> leap = r.nextBoolean() ? Optional.of(KernelLeap.values()[r.nextInt(3)]) : Optional.empty();
        return new Case(new KernelClockAdjustment(freq, step, max, est, sync, leap), r.nextInt(0x10000));
    }

    private static long[] cRead() throws Exception {
        String line = run(List.of(readProgram.toString()), "").getFirst();
        String[] w = line.trim().split(" ");
        long[] v = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            v[i] = Long.parseLong(w[i]);
        }
        return v;
    }

    private static List<String> cEncode(List<Case> cases) throws Exception {
        StringBuilder in = new StringBuilder();
        cases.forEach(c -> in.append(c.cLine()).append('\n'));
        return run(List.of(encodeProgram.toString()), in.toString());
    }

    private static Path compile(String name, String source) throws Exception {
        Path src = dir.resolve(name + ".c");
        Files.writeString(src, source);
        Path exe = dir.resolve(name);
        run(List.of("/usr/bin/gcc", "-Wall", "-Werror", "-o", exe.toString(), src.toString(), "-lm"), "");
        return exe;
    }

    private static List<String> run(List<String> command, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
            w.write(input);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out.lines().toList();
    }
}
