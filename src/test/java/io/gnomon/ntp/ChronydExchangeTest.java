package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The responder's replies put straight on a loopback socket (no UDP adapter) and judged by a real chronyd:
 * a synchronised reply gives chronyd a sample, an unsynchronised one (LI=3, stratum 0) gives it none.
 * Needs chronyd: skipped without it, failed without it when CI=true.
 */
@Tag("external")
class ChronydExchangeTest {

    static final String SAMPLE_LINE = "System clock wrong by";

    @Test
    void chronydTakesASampleFromASynchronisedReply() throws Exception {
        Exchange e = exchange(new ReferenceSnapshot(true, 1, "PPS", UtcTime.of(Instant.now()), 0, 0.0001,
                LeapIndicator.NO_WARNING), 6);
        assertTrue(e.replies() >= 1, "answered at least one request");
        assertTrue(e.chronydOutput().contains(SAMPLE_LINE), e.chronydOutput());
    }

    @Test
    void chronydRefusesAnUnsynchronisedReply() throws Exception {
        Exchange e = exchange(ReferenceSnapshot.unsynchronised("PPS"), 4);
        assertTrue(e.replies() >= 1, "answered at least one request");
        assertFalse(e.chronydOutput().contains(SAMPLE_LINE), e.chronydOutput());
    }

    record Exchange(int replies, String chronydOutput) {
    }

    private static Exchange exchange(ReferenceSnapshot reference, int timeoutSeconds) throws Exception {
        String chronyd = findChronyd();
        NtpResponder responder = new NtpResponder(-20, new ServerCounters());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            Path log = Files.createTempFile("chronyd", ".log");
            Process client = new ProcessBuilder(chronyd, "-Q", "-t", String.valueOf(timeoutSeconds), "-f", "/dev/null",
                    "cmdport 0", "server 127.0.0.1 port " + socket.getLocalPort() + " iburst maxsamples 1")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int replies = 0;
            try {
                byte[] in = new byte[1024];
                ByteBuffer out = ByteBuffer.allocate(48);
                while (client.isAlive()) {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException idle) {
                        continue;
                    }
                    UtcTime received = UtcTime.of(Instant.now());
                    ServerAction action = responder.handle(ByteBuffer.wrap(in, 0, p.getLength()).slice(), received,
                            reference, () -> UtcTime.of(Instant.now()), out);
                    if (action instanceof ServerAction.Respond(int length, boolean restampable)) {
                        socket.send(new DatagramPacket(out.array(), length, p.getSocketAddress()));
                        replies++;
                    }
                }
            } finally {
                client.destroy();
                client.waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Exchange(replies, output);
        }
    }

    private static String findChronyd() throws IOException {
        List<Path> candidates = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, "chronyd")),
                        Stream.of(Path.of("/usr/sbin/chronyd")))
                .filter(Files::isExecutable).toList();
        if (candidates.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chronyd not found and CI=true: install the chrony package (scripts/test does)");
            }
            Assumptions.abort("chronyd not installed");
        }
        return candidates.getFirst().toString();
    }
}
