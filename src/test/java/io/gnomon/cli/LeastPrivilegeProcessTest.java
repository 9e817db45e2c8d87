package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.appliance.UnitCapabilities;
import io.gnomon.testing.ExternalProgram;
import io.gnomon.testing.NtpProbe;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service command ({@code gnomon run --config ...}, as ExecStart runs it) started the way the unit starts
 * it: as an unprivileged user (nobody here; gnomon on the appliance) with exactly the unit's
 * AmbientCapabilities and CapabilityBoundingSet, no supplementary groups and NoNewPrivileges (util-linux
 * setpriv does what systemd does with those settings). It binds port 123 on a loopback address and answers;
 * every thread's capability sets in /proc hold that one capability and nothing else. Without the capability the
 * same start fails on port 123 with the clear message — so the capability, not the environment, is what lets it
 * bind. Needs root (to drop to nobody) and setpriv.
 */
@Tag("external")
class LeastPrivilegeProcessTest {

    private static final Map<String, Integer> CAPABILITY_BITS = Map.of(
            "CAP_NET_BIND_SERVICE", 10, "CAP_SYS_TIME", 25);
    private static final String NOBODY = "65534";

    @Test
    void servesPort123WithOnlyTheUnitsCapabilityAsAnUnprivilegedUser(@TempDir Path dir) throws Exception {
        ExternalProgram setpriv = ExternalProgram.require("setpriv", "util-linux");
        requireRoot();
        Set<String> caps = UnitCapabilities.read(UnitCapabilities.UNIT).capabilities("AmbientCapabilities");
        assertEquals(caps, UnitCapabilities.read(UnitCapabilities.UNIT).capabilities("CapabilityBoundingSet"));
        long mask = mask(caps);

        ListenAddress at = ListenAddress.parse(randomLoopback() + ":123");
        Path conf = readableCopyOfTheApp(dir, at);
        Process gnomon = start(setpriv, dir, conf, caps);
        try {
            NtpProbe reply = awaitAnswer(gnomon, at, dir);
            assertEquals(4, reply.mode());
            assertEquals(48, reply.length());

            List<Path> tasks;
            try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(gnomon.pid()), "task"))) {
                tasks = s.toList();
            }
            assertTrue(tasks.size() > 5, "a JVM has many threads: " + tasks.size());
            for (Path task : tasks) {
                Map<String, String> status = status(task.resolve("status"));
                String where = "thread " + task.getFileName() + " " + status.get("Name");
                assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), List.of(status.get("Uid").split("\\s+")), where);
                assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), List.of(status.get("Gid").split("\\s+")), where);
                assertEquals("", status.get("Groups"), where + ": no supplementary groups");
                assertEquals(mask, hex(status, "CapEff"), where + " CapEff");
                assertEquals(mask, hex(status, "CapPrm"), where + " CapPrm");
                assertEquals(mask, hex(status, "CapBnd"), where + " CapBnd");
                assertEquals(mask, hex(status, "CapAmb"), where + " CapAmb");
                assertEquals(0, hex(status, "CapInh") & ~mask, where + " CapInh");
                assertEquals("1", status.get("NoNewPrivs"), where);
            }
        } finally {
            gnomon.toHandle().destroy();
            if (!gnomon.waitFor(20, TimeUnit.SECONDS)) {
                gnomon.destroyForcibly();
            }
        }
    }

    @Test
    void withoutTheCapabilityPort123IsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        ExternalProgram setpriv = ExternalProgram.require("setpriv", "util-linux");
        requireRoot();
        ListenAddress at = ListenAddress.parse(randomLoopback() + ":123");
        Path conf = readableCopyOfTheApp(dir, at);
        Process gnomon = start(setpriv, dir, conf, Set.of());
        try {
            assertTrue(gnomon.waitFor(120, TimeUnit.SECONDS), "exits by itself");
            String log = Files.readString(dir.resolve("log"));
            assertEquals(1, gnomon.exitValue(), log);
            assertTrue(log.contains("cannot listen on " + at + ": permission denied (ports below 1024 need root or"
                    + " CAP_NET_BIND_SERVICE"), log);
        } finally {
            gnomon.destroyForcibly();
        }
    }

    private static void requireRoot() {
        if (!ExternalProgram.isRoot()) {
            ExternalProgram.missing("dropping to an unprivileged user with setpriv needs root");
        }
    }

    /** setpriv as systemd applies User=, Group=, AmbientCapabilities=, CapabilityBoundingSet=, NoNewPrivileges=. */
    private static Process start(ExternalProgram setpriv, Path dir, Path conf, Set<String> caps) throws IOException {
        String list = caps.stream().map(c -> ",+" + c.substring("CAP_".length()).toLowerCase()).reduce("", String::concat);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(setpriv.path().toString(), "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "--inh-caps=-all" + list, "--ambient-caps=-all" + list, "--bounding-set=-all" + list,
                "--no-new-privs", "--", java, "--enable-native-access=ALL-UNNAMED", "-cp",
                dir.resolve("app/classes") + File.pathSeparator + dir.resolve("app/lib/*"),
                "io.gnomon.cli.Main", "run", "--config", conf.toString()));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
    }

    private static NtpProbe awaitAnswer(Process gnomon, ListenAddress at, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!gnomon.isAlive()) {
                fail("gnomon exited " + gnomon.exitValue() + ": " + Files.readString(dir.resolve("log")));
            }
            NtpProbe reply = NtpProbe.query(at, 500);
            if (reply != null) {
                return reply;
            }
        }
        fail("no answer on " + at + " within 120 s: " + Files.readString(dir.resolve("log")));
        throw new AssertionError();
    }

    /**
     * The main classes and runtime jars copied where an unprivileged user can read them (the build's own copies
     * are under /root), and a configuration serving the simulated reference on {@code at}.
     */
    private static Path readableCopyOfTheApp(Path dir, ListenAddress at) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path classes = dir.resolve("app/classes");
        Path lib = Files.createDirectories(dir.resolve("app/lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
                copyTree(p, classes);
            } else if (entry.endsWith(".jar") && !isTestLibrary(p.getFileName().toString())) {
                Files.copy(p, lib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertTrue(Files.isRegularFile(classes.resolve("io/gnomon/cli/Main.class")), "main classes copied");
        Path conf = dir.resolve("gnomon.conf");
        Files.writeString(conf, "reference simulated\nlisten " + at.address().getHostAddress() + " " + at.port() + "\n");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return conf;
    }

    private static boolean isTestLibrary(String jar) {
        return Stream.of("junit", "jqwik", "jazzer", "opentest4j", "apiguardian", "surefire", "pi4j-plugin-mock")
                .anyMatch(jar::startsWith);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** An address in 127/8 nobody else uses, so the fixed port 123 does not meet another test's server. */
    private static String randomLoopback() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(100, 250) + "." + r.nextInt(1, 250) + "." + r.nextInt(1, 250);
    }

    private static long mask(Set<String> caps) {
        long mask = 0;
        for (String c : caps) {
            Integer bit = CAPABILITY_BITS.get(c);
            assertNotNull(bit, "unknown capability " + c);
            mask |= 1L << bit;
        }
        assertFalse(caps.isEmpty());
        return mask;
    }

    private static long hex(Map<String, String> status, String key) {
        return Long.parseUnsignedLong(status.get(key), 16);
    }

    private static Map<String, String> status(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
