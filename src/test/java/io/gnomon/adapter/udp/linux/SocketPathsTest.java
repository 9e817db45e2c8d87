package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.PortableUdpServer;
import io.gnomon.adapter.udp.TestServers;
import io.gnomon.adapter.udp.UdpServer;
import io.gnomon.adapter.udp.linux.SocketPathChoice.Preference;
import io.gnomon.ntp.NtpServer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which socket path runs, and the fallback to the portable one. */
class SocketPathsTest {

    @Test
    void portableWhenAskedNotLinuxUnknownArchitectureOrNoNativeAccess() {
        assertInstanceOf(SocketPathChoice.Portable.class,
                SocketPathChoice.choose(Preference.PORTABLE, "Linux", "amd64", true));
        SocketPathChoice mac = SocketPathChoice.choose(Preference.AUTO, "Mac OS X", "aarch64", true);
        assertTrue(((SocketPathChoice.Portable) mac).reason().contains("not Linux"));
        SocketPathChoice riscv = SocketPathChoice.choose(Preference.LINUX, "Linux", "riscv64", true);
        assertTrue(((SocketPathChoice.Portable) riscv).reason().contains("riscv64"));
        SocketPathChoice refused = SocketPathChoice.choose(Preference.AUTO, "Linux", "amd64", false);
        assertTrue(((SocketPathChoice.Portable) refused).reason().contains("native access"));
    }

    @Test
    void linuxWithTheRightAbiOtherwise() {
        assertEquals(new SocketPathChoice.Linux(LinuxAbi.ARMHF),
                SocketPathChoice.choose(Preference.AUTO, "Linux", "arm", true));
        assertEquals(new SocketPathChoice.Linux(LinuxAbi.AARCH64),
                SocketPathChoice.choose(Preference.LINUX, "Linux", "aarch64", true));
    }

    private static NtpServer exchange() {
        return TestServers.plain();
    }

    /** A started server and the description of the path chosen. */
    private record Started(UdpServer server, String path) {
    }

    private static Started start(SocketPathChoice choice, Optional<String> probeResult) throws Exception {
        SocketPaths.Chosen chosen = SocketPaths.choose(choice, abi -> probeResult, SystemClocks.REALTIME,
                SystemClocks.MONOTONIC, LinuxUdpSettings.standard());
        UdpServer server = chosen.path().start(List.of(ListenAddress.parse("127.0.0.1:0")), exchange(),
                (where, why) -> { });
        return new Started(server, chosen.description());
    }

    @Test
    void aFailingLayoutProbeFallsBackToThePortablePathWhichAnswers() throws Exception {
        Started s = start(new SocketPathChoice.Linux(LinuxAbi.X86_64), Optional.of("timestamp garbled"));
        try (var server = s.server()) {
            assertInstanceOf(PortableUdpServer.class, server);
            assertTrue(s.path().contains("portable") && s.path().contains("timestamp garbled"), s.path());
            assertAnswers(server.listening().getFirst());
        }
    }

    @Test
    void aPortableChoiceRunsThePortablePathAndSaysWhy() throws Exception {
        Started s = start(new SocketPathChoice.Portable("not Linux (Plan 9)"), Optional.empty());
        try (var server = s.server()) {
            assertInstanceOf(PortableUdpServer.class, server);
            assertTrue(s.path().contains("Plan 9"), s.path());
        }
    }

    @Test
    void onThisMachineAutoRunsTheLinuxPath() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        LinuxAbi abi = LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
        Started s = start(new SocketPathChoice.Linux(abi), SocketPaths.probe(abi));
        try (var server = s.server()) {
            assertInstanceOf(LinuxUdpServer.class, server, s.path());
            assertTrue(s.path().startsWith("linux-ffm"), s.path());
            assertAnswers(server.listening().getFirst());
        }
    }

    /** Runs {@code body} with System.out captured (slf4j-simple logs there); returns what was written. */
    private static String capturingLog(ThrowingRunnable body) throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static LinuxAbi hostAbi() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        return LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
    }

    @Test
    void aSocketOptionTheKernelRefusesAtStartFallsBackToThePortablePathAndTheLogSaysWhy() throws Exception {
        LinuxAbi host = hostAbi();
        // a receive-timestamp option number this kernel does not know: setsockopt fails with ENOPROTOOPT at
        // start, after the choice (the probe is taken as passed here)
        LinuxAbi refused = new LinuxAbi(host.name(), host.word(), 9999, host.soTimestamping());
        String[] path = new String[1];
        String log = capturingLog(() -> {
            Started s = start(new SocketPathChoice.Linux(refused), Optional.empty());
            try (var server = s.server()) {
                assertInstanceOf(PortableUdpServer.class, server);
                assertAnswers(server.listening().getFirst());
            }
            path[0] = s.path();
        });
        assertTrue(path[0].startsWith("linux-ffm"), "the choice itself was the Linux path: " + path[0]);
        assertTrue(log.contains("UDP path: portable") && log.contains("failed to start")
                && log.contains("setsockopt(SO_TIMESTAMPNS=9999)"), log);
    }

    @Test
    void aWrongTimestampConstantFailsTheLiveProbeAndThePortablePathRunsSayingWhy() throws Exception {
        LinuxAbi host = hostAbi();
        // SO_RXQ_OVFL (40): the kernel accepts it, but no receive timestamp ever comes back under that number,
        // as with a constant wrong for the ABI
        LinuxAbi wrong = new LinuxAbi(host.name(), host.word(), 40, host.soTimestamping());
        Optional<String> failure = SocketPaths.probe(wrong);
        assertTrue(failure.isPresent() && failure.get().contains("no kernel receive timestamp"), failure.toString());
        String[] path = new String[1];
        String log = capturingLog(() -> {
            Started s = start(new SocketPathChoice.Linux(wrong), failure);
            try (var server = s.server()) {
                assertInstanceOf(PortableUdpServer.class, server);
                assertAnswers(server.listening().getFirst());
            }
            path[0] = s.path();
        });
        assertTrue(path[0].startsWith("portable"), path[0]);
        assertTrue(log.contains("UDP path: portable") && log.contains("probe failed")
                && log.contains("no kernel receive timestamp"), log);
    }

    @Test
    void nativeAccessRefusedRunsThePortablePathAndTheLogSaysSo() throws Exception {
        SocketPathChoice choice = SocketPathChoice.choose(Preference.AUTO, "Linux", "amd64", false);
        String log = capturingLog(() -> {
            Started s = start(choice, Optional.empty());
            try (var server = s.server()) {
                assertInstanceOf(PortableUdpServer.class, server);
                assertAnswers(server.listening().getFirst());
            }
        });
        assertTrue(log.contains("UDP path: portable") && log.contains("native access not enabled"), log);
    }

    private static void assertAnswers(ListenAddress at) throws Exception {
        try (LoopbackClient client = new LoopbackClient(at.socketAddress(), null)) {
            client.send(TestServers.request(77));
            ByteBuffer reply = client.receive();
            assertTrue(reply != null && TestServers.origin(reply) == 77);
        }
    }
}
