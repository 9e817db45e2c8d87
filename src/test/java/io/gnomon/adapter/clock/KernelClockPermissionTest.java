package io.gnomon.adapter.clock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.gnomon.testing.ReadableClasspath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EPERM path for real: a child JVM as nobody with every capability dropped (setpriv) reads the kernel clock
 * (allowed) and asks for ADJ_MAXERROR (refused). The privileged case is never run: the child itself refuses to
 * call adjust() if CAP_SYS_TIME is still in its effective set.
 */
class KernelClockPermissionTest {

    @Test
    void withoutCapSysTimeReadWorksAndAdjustSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        String out = runUnprivileged(dir, UnprivilegedAdjustProbe.class.getName());
        assertTrue(out.startsWith("exit 0\n"), out);
        assertTrue(out.contains("READ tick="), "read() needs no privilege:\n" + out);
        assertTrue(out.contains("ERRNO 1\n"), "EPERM expected:\n" + out);
        assertTrue(out.contains("MESSAGE clock_adjtime: not permitted — kernel discipline needs CAP_SYS_TIME"
                + " (see docs/APPLIANCE.md)"), out);
    }

    /** `gnomon clock-check` as an ordinary user on the real /proc: reads the clock, says what is missing. */
    @Test
    void clockCheckRunsUnprivilegedAndNamesTheMissingCapability(@TempDir Path dir) throws Exception {
        String out = runUnprivileged(dir, "io.gnomon.cli.Main", "clock-check");
        assertTrue(out.startsWith("exit 1\n"), out);
        assertTrue(out.contains("  clock state    TIME_"), out);
        assertTrue(out.contains("CAP_SYS_TIME: this process lacks it (CapEff 0000000000000000)"), out);
        assertTrue(out.contains("verdict: clock-discipline kernel would fail: no CAP_SYS_TIME"), out);
    }

    /** Runs a main class in a child JVM as nobody with no capabilities; returns "exit N\n" + its output. */
    private static String runUnprivileged(Path dir, String... mainAndArgs) throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").matches("amd64|aarch64|arm"), "a Linux ABI Gnomon knows");
        List<String> command = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Path setpriv = Path.of("/usr/bin/setpriv");
            if (!Files.isExecutable(setpriv)) {
                assertFalse("true".equals(System.getenv("CI")), "setpriv (util-linux) missing under CI=true");
                Assumptions.abort("setpriv not installed");
            }
            command.addAll(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--"));
        } else {
            ProcessCapabilities own = ProcessCapabilities.ofSelf(Path.of("/proc")).orElseThrow();
            Assumptions.assumeFalse(own.has(ProcessCapabilities.CAP_SYS_TIME),
                    "not root but has CAP_SYS_TIME: cannot drop it for the child");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dstdout.encoding=UTF-8", "--enable-native-access=ALL-UNNAMED", "-cp", ReadableClasspath.in(dir)));
        command.addAll(List.of(mainAndArgs));
        Process p = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM hung");
        return "exit " + p.exitValue() + "\n" + out;
    }
}
