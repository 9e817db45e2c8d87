package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.appliance.ExternalProgram;
import io.gnomon.testing.StatusSimulations;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    private static int freeTcpPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code gnomon run} in-process with {@code conf} (plus an http line), asks {@code gnomon status --url}. */
    private static StatusSimulations.Run statusOfRun(Path dir, String conf) throws Exception {
        int port = freeTcpPort();
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, conf + "listen 127.0.0.1 0\nhttp 127.0.0.1:" + port + "\nstate-directory " + dir + "\n");
        java.util.concurrent.atomic.AtomicReference<CheckConfigCommandTest.Run> ran =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread server = Thread.ofPlatform().name("run-under-test").start(() -> {
            try {
                ran.set(CheckConfigCommandTest.run("run", "--config", f.toString()));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            StatusSimulations.Run r = null;
            for (int i = 0; i < 200 && ran.get() == null; i++) {
                r = StatusSimulations.run("status", "--url", "http://127.0.0.1:" + port);
                if (r.code() == 0) {
                    return r;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no status from run: " + (r == null ? "" : r.err()) + " / run: "
                    + (ran.get() == null ? "still running" : ran.get().err()));
        } finally {
            server.interrupt();
            server.join(20_000);
        }
    }

    @Test
    void runWithTheSimulatedReferenceServesTheConfiguredHttpStatus(@TempDir Path dir) throws Exception {
        StatusSimulations.Run r = statusOfRun(dir, "reference simulated\n");
        assertTrue(r.out().contains("State "), r.out());
    }

    @Test
    void runWithAMissingGpsServesTheConfiguredHttpStatusSayingWhy(@TempDir Path dir) throws Exception {
        StatusSimulations.Run r = statusOfRun(dir, "reference gps\nserial-device /dev/ttyGNOMONnone\npps none\n"
                + "holdover-limit 0.002\n");
        assertTrue(r.out().contains("NOT serving time"), r.out());
    }

    @Test
    void aBrokenConfigurationExitsWithExConfig(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, "reference simulated\nlisten 127.0.0.1 http\n");
        CheckConfigCommandTest.Run r = CheckConfigCommandTest.run("run", "--config", f.toString());
        assertEquals(RunCommand.EXIT_CONFIG, r.code());
        assertEquals(f + ":2: listen port must be 0..65535\ngnomon run: 1 configuration error; check with: "
                + "gnomon check-config " + f + "\n", r.err());
    }

    @Test
    void badHttpAndHoldoverLimitLinesExitWithExConfigNamingTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, "reference simulated\nhttp localhost:8123\nholdover-limit 2\n");
        CheckConfigCommandTest.Run r = CheckConfigCommandTest.run("run", "--config", f.toString());
        assertEquals(RunCommand.EXIT_CONFIG, r.code());
        assertTrue(r.err().startsWith(f + ":2: http address must be"), r.err());
        assertTrue(r.err().contains("\n" + f + ":3: holdover-limit must be"), r.err());
    }

    /** {@code gnomon run} with a kernel clock opener of the test's own (never the real one: it would steer this host). */
    private static CheckConfigCommandTest.Run runWithKernel(RunCommand.KernelClockOpener opener, String... args) {
        picocli.CommandLine cl = new picocli.CommandLine(new RunCommand(opener));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute(args);
        return new CheckConfigCommandTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void kernelDisciplineWithoutCapSysTimeExitsUnavailableNamingTheFix(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, "hat adafruit-ultimate-gps\nclock-discipline kernel\n");
        CheckConfigCommandTest.Run r = runWithKernel(() -> {
            throw new io.gnomon.discipline.KernelClockException("clock_adjtime: Operation not permitted (needs CAP_SYS_TIME)", 1);
        }, "--config", f.toString());
        assertEquals(RunCommand.EXIT_UNAVAILABLE, r.code());
        assertEquals("gnomon run: clock-discipline kernel is not available: clock_adjtime: Operation not permitted"
                + " (needs CAP_SYS_TIME); give the service CAP_SYS_TIME (the drop-in"
                + " /usr/share/gnomon/systemd/kernel-discipline.conf) or set clock-discipline none\n", r.err());
    }

    @Test
    void kernelDisciplineOnAnUnsupportedBuildOrPlatformExitsUnavailable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, "hat adafruit-ultimate-gps\nclock-discipline kernel\n");
        CheckConfigCommandTest.Run r = runWithKernel(() -> {
            throw new io.gnomon.discipline.KernelClockException("kernel clock discipline is not available in this build", 0);
        }, "--config", f.toString());
        assertEquals(RunCommand.EXIT_UNAVAILABLE, r.code());
        assertEquals("gnomon run: clock-discipline kernel is not available: kernel clock discipline is not available in"
                + " this build; set clock-discipline none (served time is the same; only the host clock is left alone)\n",
                r.err());
    }

    @Test
    void theKernelClockIsRefusedUpFrontWithoutCapSysTime() throws Exception {
        io.gnomon.discipline.KernelClock fake = new io.gnomon.discipline.KernelClock() {
            @Override
            public io.gnomon.discipline.KernelClockState read() {
                throw new AssertionError("not read here");
            }

            @Override
            public io.gnomon.discipline.KernelClockState adjust(io.gnomon.discipline.KernelClockAdjustment a) {
                throw new AssertionError("never adjusted here");
            }
        };
        long netBindOnly = 1L << io.gnomon.adapter.clock.ProcessCapabilities.CAP_NET_BIND_SERVICE;
        io.gnomon.discipline.KernelClockException e = assertThrows(io.gnomon.discipline.KernelClockException.class,
                () -> RunCommand.openOnThisHost(() -> fake,
                        Optional.of(new io.gnomon.adapter.clock.ProcessCapabilities(netBindOnly))));
        assertEquals(1, e.errno());
        assertEquals("gnomon run: clock-discipline kernel is not available: this process does not have CAP_SYS_TIME;"
                + " give the service CAP_SYS_TIME (the drop-in /usr/share/gnomon/systemd/kernel-discipline.conf) or set"
                + " clock-discipline none", "gnomon run: clock-discipline kernel is not available: " + e.getMessage()
                + "; " + RunCommand.kernelFix(e));
        long withSysTime = netBindOnly | 1L << io.gnomon.adapter.clock.ProcessCapabilities.CAP_SYS_TIME;
        assertEquals(fake, RunCommand.openOnThisHost(() -> fake,
                Optional.of(new io.gnomon.adapter.clock.ProcessCapabilities(withSysTime))));
        assertEquals(fake, RunCommand.openOnThisHost(() -> fake, Optional.empty()), "unknown: go on");
    }

    @Test
    void kernelDisciplineWithASimulatedReferenceIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, "reference simulated\nclock-discipline kernel\n");
        CheckConfigCommandTest.Run r = runWithKernel(() -> {
            throw new AssertionError("must not even open the kernel clock");
        }, "--config", f.toString());
        assertEquals(RunCommand.EXIT_CONFIG, r.code());
        assertTrue(r.err().startsWith("gnomon run: clock-discipline kernel needs reference gps"), r.err());
    }

    @Test
    void aTakenPortIsExitOne(@TempDir Path dir) throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Path f = dir.resolve("gnomon.conf");
            Files.writeString(f, "reference simulated\nlisten 127.0.0.1 " + squatter.getLocalPort() + "\n");
            CheckConfigCommandTest.Run r = CheckConfigCommandTest.run("run", "--config", f.toString());
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("gnomon run: cannot listen on 127.0.0.1:" + squatter.getLocalPort()), r.err());
        }
    }

    /** The real launch path: a child JVM as systemd would start it, with NOTIFY_SOCKET, stopped by SIGTERM. */
    @Test
    @Tag("external")
    void tellsSystemdItIsReadyOnceListeningAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path socat = ExternalProgram.require("socat");
        Path sock = dir.resolve("notify");
        Path received = dir.resolve("received");
        Process listener = new ProcessBuilder(socat.toString(), "-u", "UNIX-RECV:" + sock, "CREATE:" + received).start();
        Path conf = dir.resolve("gnomon.conf");
        Files.writeString(conf, "reference simulated\nlisten 127.0.0.1 0\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.gnomon.cli.Main", "run", "--config", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        pb.environment().put("NOTIFY_SOCKET", sock.toString());
        Process gnomon = null;
        try {
            for (int i = 0; i < 500 && !Files.exists(sock); i++) {
                Thread.sleep(10);
            }
            gnomon = pb.start();
            String ready = "";
            for (int i = 0; i < 3000 && !ready.contains("STATUS="); i++) {
                Thread.sleep(10);
                ready = Files.exists(received) ? Files.readString(received, StandardCharsets.UTF_8) : "";
            }
            Matcher m = Pattern.compile("READY=1\nSTATUS=serving NTP on 127\\.0\\.0\\.1:(\\d+) \\(simulated reference\\)")
                    .matcher(ready);
            assertTrue(m.find(), ready + " / log: " + Files.readString(dir.resolve("log")));
            int port = Integer.parseInt(m.group(1));
            assertTrue(port > 0);
            // the port really is taken by the server
            assertThrows(BindException.class, () -> new DatagramSocket(new InetSocketAddress("127.0.0.1", port)).close());
            gnomon.destroy(); // SIGTERM, as systemctl stop sends
            assertTrue(gnomon.waitFor(20, TimeUnit.SECONDS));
            assertTrue(List.of(0, 143).contains(gnomon.exitValue()), "exit " + gnomon.exitValue());
            for (int i = 0; i < 300 && !Files.readString(received).contains("STOPPING=1"); i++) {
                Thread.sleep(10);
            }
            assertTrue(Files.readString(received).contains("STOPPING=1"), Files.readString(received));
        } finally {
            if (gnomon != null) {
                gnomon.destroyForcibly();
            }
            listener.destroy();
        }
    }
}
