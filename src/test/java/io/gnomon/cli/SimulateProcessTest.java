package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.testing.NtpProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code gnomon simulate} as its own process (the classes this test runs from, the real slf4j configuration):
 * the start line on stdout, an answer, and SIGTERM ending it with the stop line. The JVM exits 143 (128 +
 * SIGTERM) after its shutdown hook has closed the server; that is how a Java service reports a clean stop.
 */
class SimulateProcessTest {

    @Test
    void runsUntilSigtermAndStopsCleanly() throws Exception {
        ListenAddress at = ListenAddress.parse("127.0.0.1:" + NtpProbe.freePort("127.0.0.1"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.gnomon.cli.Main", "simulate", "--host-following", "--listen", at.toString())).redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder all = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (java.io.IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        });
        try {
            String start = null;
            while (start == null) {
                String l = lines.poll(20, TimeUnit.SECONDS);
                assertNotNull(l, "no start line within 20 s; output:\n" + all);
                all.append(l).append('\n');
                if (l.contains(" INFO simulate - NTP on ")) {
                    start = l;
                }
            }
            assertTrue(start.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO simulate - NTP on "
                    + "127\\.0\\.0\\.1:" + at.port() + "; simulated reference \\(follows the host clock\\), refid SIM,"
                    + " stratum 1, no leap second announced; precision 2\\^-\\d+ s"), start);

            NtpProbe reply = NtpProbe.query(at, 5000);
            assertNotNull(reply, "an answer from " + at);
            assertEquals(1, reply.stratum());

            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exited after SIGTERM");
            reader.join();
            lines.forEach(l -> all.append(l).append('\n'));
            assertEquals(143, p.exitValue(), all.toString());
            assertTrue(all.toString().contains(" INFO simulate - stopped; requests=1 replies=1 dropped=0"), all.toString());
        } finally {
            p.destroyForcibly();
        }
    }
}
