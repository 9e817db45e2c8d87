package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestLoopback;
import io.gnomon.testing.NtpProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gnomon simulate} through the same command tree {@code main} runs. */
class SimulateCommandTest {

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, err.toString().strip());
    }

    @Test
    void aBadAddressIsAUsageErrorOnOneLine() {
        Run r = run("simulate", "--listen", "999.1.1.1:12300");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("'999.1.1.1' is not a numeric IPv4 or IPv6 address"), r.err());
    }

    @Test
    void anUnknownLeapIsAUsageError() {
        Run r = run("simulate", "--leap", "sideways");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'sideways': expected insert or delete"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeOne() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String taken = "127.0.0.1:" + squatter.getLocalPort();
            Run r = run("simulate", "--listen", taken);
            assertEquals(1, r.code());
            assertEquals("gnomon simulate: cannot listen on " + taken + ": address already in use (another NTP"
                    + " server, or another Gnomon, is listening there)", r.err());
        }
    }

    @Test
    void anAddressNotOnThisHostIsOneLineAndExitCodeOne() {
        Run r = run("simulate", "--listen", "192.0.2.1:12300");
        assertEquals(1, r.code());
        assertEquals("gnomon simulate: cannot listen on 192.0.2.1:12300: no interface of this host has that address",
                r.err());
    }

    @Test
    void startsLogsWhereItListensAnswersAsStratumOneAndStopsCleanly() throws Exception {
        ListenAddress v4 = ListenAddress.parse("127.0.0.1:" + NtpProbe.freePort("127.0.0.1"));
        boolean ipv6 = TestLoopback.hasIpv6();
        ListenAddress v6 = ipv6 ? ListenAddress.parse("[::1]:" + NtpProbe.freePort("::1")) : v4;
        PrintStream realOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        String[] args = ipv6
                ? new String[] {"simulate", "--host-following", "--listen", v4.toString(), "--listen", v6.toString()}
                : new String[] {"simulate", "--host-following", "--listen", v4.toString()};
        Thread cli = new Thread(() -> code.set(Main.commandLine().execute(args)), "cli");
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            cli.start();
            String startLine = null;
            for (int i = 0; i < 200 && startLine == null; i++) {
                startLine = out.toString(StandardCharsets.UTF_8).lines()
                        .filter(l -> l.contains(" INFO simulate - NTP on ")).findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertNotNull(startLine, "start line; output so far: " + out);
            assertTrue(startLine.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO .*"), startLine);
            assertTrue(startLine.contains(" INFO simulate - NTP on " + v4 + (ipv6 ? ", " + v6 : "") + ";"), startLine);
            assertTrue(startLine.contains("simulated reference (follows the host clock), refid SIM, stratum 1"),
                    startLine);
            for (ListenAddress at : new ListenAddress[] {v4, v6}) {
                NtpProbe reply = NtpProbe.query(at, 5000);
                assertNotNull(reply, "reply from " + at);
                assertEquals(4, reply.mode());
                assertEquals(1, reply.stratum());
                assertEquals(0, reply.leap());
                assertEquals("SIM", reply.refId());
                assertEquals(NtpProbe.REQUEST_TRANSMIT, reply.originTimestamp());
            }
            cli.interrupt(); // what the shutdown hook's close() amounts to, without a signal
            cli.join(10_000);
            assertFalse(cli.isAlive());
            assertEquals(0, code.get());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(" INFO simulate - stopped; "), out.toString());
            try (DatagramSocket again = new DatagramSocket(v4.socketAddress())) {
                assertEquals(v4.port(), again.getLocalPort(), "port released");
            }
        } finally {
            System.setOut(realOut);
            cli.interrupt();
        }
    }
}
