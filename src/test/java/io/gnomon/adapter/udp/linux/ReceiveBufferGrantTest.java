package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.ProcessCapabilities;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.gnomon.testing.ReadableClasspath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receive buffer the Linux path reports, for real: a child JVM opens it asking for more than
 * net.core.rmem_max, once as nobody with every capability dropped (setpriv: SO_RCVBUFFORCE refused, SO_RCVBUF
 * capped) and once as root (forced). The size it reports is checked against the socket seen from outside with
 * {@code ss -m} (the kernel's sk_rcvbuf) while the child holds it open. No sysctl is changed.
 */
@Tag("slow")
class ReceiveBufferGrantTest {
    private static final int CAP_NET_ADMIN = 12;
    private static final Pattern SOCKET = Pattern.compile("SOCKET (\\d+) (\\d+) (\\d+) (true|false)");

    /** A size past the cap, a whole number of MiB so the log's wording is predictable. */
    private static int askedPastTheCap(int rmemMax) {
        Assumptions.assumeTrue(rmemMax < (1 << 29), "net.core.rmem_max too large to ask past: " + rmemMax);
        return ((rmemMax >> 20) + 2) << 20;
    }

    @Test
    void withoutCapNetAdminTheCappedSizeIsReportedAndTheWarningNamesTheFix(@TempDir Path dir) throws Exception {
        int rmemMax = rmemMax();
        int asked = askedPastTheCap(rmemMax);
        Child child = run(dir, true, asked);
        assertEquals(child.ssKernelBytes, child.kernelBytes, "reported vs the socket seen from outside:\n" + child.out);
        assertEquals(2 * rmemMax, child.kernelBytes, child.out);
        assertEquals(rmemMax, child.grantedBytes, child.out);
        assertFalse(child.forced, child.out);
        String got = ReceiveBuffer.size(rmemMax);
        assertTrue(child.out.contains("UDP path: linux-ffm (") && child.out.contains(", receive buffer " + got + " of "
                + ReceiveBuffer.size(asked) + " asked)"), child.out);
        assertTrue(child.out.contains("WARN gnomon - UDP receive buffer " + got + " of " + ReceiveBuffer.size(asked)
                + " asked: SO_RCVBUFFORCE was refused (it needs CAP_NET_ADMIN), so SO_RCVBUF was used and"
                + " net.core.rmem_max (" + rmemMax + " bytes) capped it."), child.out);
        assertTrue(child.out.contains("/usr/lib/sysctl.d/60-gnomon.conf raises net.core.rmem_max"), child.out);
    }

    @Test
    void withCapNetAdminTheAskedSizeIsForcedPastTheCapAndNothingIsWarned(@TempDir Path dir) throws Exception {
        ProcessCapabilities own = ProcessCapabilities.ofSelf(Path.of("/proc")).orElseThrow();
        Assumptions.assumeTrue(own.has(CAP_NET_ADMIN), "this test JVM lacks CAP_NET_ADMIN");
        int asked = askedPastTheCap(rmemMax());
        Child child = run(dir, false, asked);
        assertEquals(child.ssKernelBytes, child.kernelBytes, child.out);
        assertEquals(2 * asked, child.kernelBytes, child.out);
        assertEquals(asked, child.grantedBytes, child.out);
        assertTrue(child.forced, child.out);
        assertTrue(child.out.contains(", receive buffer " + ReceiveBuffer.size(asked) + ")"), child.out);
        assertFalse(child.out.contains("WARN"), child.out);
    }

    private static int rmemMax() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").matches("amd64|aarch64|arm"), "a Linux ABI Gnomon knows");
        // not Files.readString: on this /proc file (size 0) it returned only the first digit here
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).getFirst().strip());
    }

    /** What the child reported, what `ss` saw of its socket, and everything it printed. */
    private record Child(int kernelBytes, int grantedBytes, boolean forced, int ssKernelBytes, String out) {
    }

    private static Child run(Path dir, boolean unprivileged, int asked) throws Exception {
        List<String> command = new ArrayList<>();
        if (unprivileged) {
            Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop to nobody");
            command.addAll(List.of(program("setpriv", "util-linux"), "--reuid=65534", "--regid=65534",
                    "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"));
        }
        String ss = program("ss", "iproute2");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dstdout.encoding=UTF-8", "--enable-native-access=ALL-UNNAMED", "-cp", ReadableClasspath.in(dir),
                ReceiveBufferProbeMain.class.getName(), Integer.toString(asked)));
        Process p = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = p.getOutputStream()) {
            Matcher m = null;
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
                Matcher candidate = SOCKET.matcher(line);
                if (candidate.matches()) {
                    m = candidate;
                    break;
                }
            }
            assertNotNull(m, "the child never reported its socket:\n" + out);
            int ssBytes = ssReceiveBuffer(ss, Integer.parseInt(m.group(1)));
            in.write('\n');
            in.flush();
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM hung:\n" + out);
            assertEquals(0, p.exitValue(), out.toString());
            return new Child(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Boolean.parseBoolean(m.group(4)), ssBytes, out.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    /** sk_rcvbuf of the UDP socket bound to 127.0.0.1:port, as {@code ss -m} prints it ({@code rbN}). */
    private static int ssReceiveBuffer(String ss, int port) throws Exception {
        Process p = new ProcessBuilder(ss, "-u", "-a", "-n", "-m", "-H", "src", "127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ss hung");
        Matcher rb = Pattern.compile("\\brb(\\d+)\\b").matcher(text);
        assertTrue(rb.find(), "no rb in ss output:\n" + text);
        int bytes = Integer.parseInt(rb.group(1));
        assertFalse(rb.find(), "more than one socket on port " + port + ":\n" + text);
        return bytes;
    }

    private static String program(String name, String debianPackage) {
        for (String d : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        assertFalse("true".equals(System.getenv("CI")), name + " (" + debianPackage + ") missing under CI=true");
        Assumptions.abort(name + " not installed");
        return name;
    }
}
