package io.gnomon.adapter.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.testing.ExternalProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagram really arrives on an AF_UNIX socket that another program (socat) listens on. */
@Tag("external")
class SystemdNotifierTest {

    /** Starts socat receiving datagrams on {@code socatAddress} into a file, sends one, returns what arrived. */
    static String receiveOne(String socatAddress, Path waitFor, String notifySocket, String message) throws Exception {
        Path socat = ExternalProgram.require("socat", "socat").path();
        Path out = Files.createTempFile("gnomon-notify", ".out");
        Process p = new ProcessBuilder(socat.toString(), "-u", socatAddress, "CREATE:" + out).start();
        try {
            if (waitFor != null) {
                for (int i = 0; i < 500 && !Files.exists(waitFor); i++) {
                    Thread.sleep(10);
                }
            } else {
                Thread.sleep(300); // an abstract socket has no file to wait for
            }
            SystemdNotifier.fromEnvironment(notifySocket).orElseThrow().send(message);
            for (int i = 0; i < 500 && Files.size(out) < message.length(); i++) {
                Thread.sleep(10);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    @Test
    void readyReachesAPathSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("notify");
        assertEquals("READY=1\nSTATUS=serving", receiveOne("UNIX-RECV:" + sock, sock, sock.toString(), "READY=1\nSTATUS=serving"));
    }

    @Test
    void readyReachesAnAbstractSocket() throws Exception {
        String name = "gnomon-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        assertEquals("READY=1", receiveOne("ABSTRACT-RECV:" + name, null, "@" + name, "READY=1"));
    }

    @Test
    void nobodyListeningIsAnIOExceptionNotACrash(@TempDir Path dir) {
        SystemdNotifier n = SystemdNotifier.fromEnvironment(dir.resolve("absent").toString()).orElseThrow();
        IOException e = assertThrows(IOException.class, () -> n.send("READY=1"));
        assertTrue(e.getMessage().startsWith("sendto($NOTIFY_SOCKET) failed: errno "), e.getMessage());
    }
}
