package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.daemon.Simulation;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.testing.StatusSimulations;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gnomon query} against the simulated server: what it prints matches the server's own snapshot. */
class QueryCommandTest {

    private static Map<String, String> fields(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            m.put(line.substring(0, 16).strip(), line.substring(16).strip());
        }
        return m;
    }

    private static double seconds(String field) {
        assertTrue(field.endsWith(" s"), field);
        return Double.parseDouble(field.substring(0, field.length() - 2));
    }

    @Test
    void fieldsMatchTheSnapshot() throws Exception {
        try (Simulation sim = StatusSimulations.start(true, LeapIndicator.INSERT_SECOND)) {
            String target = sim.listening().get(0).toString();
            StatusSimulations.Run r = StatusSimulations.run("query", target);
            assertEquals(0, r.code(), r.err());
            Map<String, String> f = fields(r.out());
            StatusSnapshot s = StatusSimulations.snapshot(sim);
            assertEquals(target, f.get("server"));
            assertEquals(Integer.toString(s.clock().stratum()), f.get("stratum"));
            assertEquals(s.clock().refId(), f.get("refid"));
            assertEquals(s.leap().indicator(), f.get("leap"));
            // 16.16 fixed point rounds the bound up, by less than 2^-16 s
            double dispersion = seconds(f.get("root dispersion"));
            assertTrue(dispersion >= s.clock().rootDispersionSeconds()
                    && dispersion - s.clock().rootDispersionSeconds() < 1.0 / 65536, f.toString());
            // the server follows this host's clock over loopback: offset within the round trip
            double delay = seconds(f.get("delay"));
            assertTrue(delay >= 0 && delay < 1, f.toString());
            assertTrue(Math.abs(seconds(f.get("offset"))) <= delay / 2 + 0.01, f.toString());
            assertEquals("4", f.get("version"));
            for (int i = 0; i < 30 && s.ntp().requests() == 0; i++) { // published once a second
                Thread.sleep(100);
                s = StatusSimulations.snapshot(sim);
            }
            assertEquals(1, s.ntp().requests(), "the query is the one request the server saw");
            assertEquals(1, s.ntp().replies());
            assertEquals(1, s.ntp().clientsSeen(), "one client in the last 10 minutes");
            assertEquals(600, s.ntp().clientsWindowSeconds());
        }
    }

    @Test
    void ppsLockedAnswersStratumOneRefidPpsWithTheAdvertisedBound() throws Exception {
        try (Simulation sim = StatusSimulations.startAppliance(-1)) {
            StatusSimulations.awaitState(sim, "PPS locked", 15);
            StatusSimulations.Run r = StatusSimulations.run("query", sim.listening().get(0).toString());
            assertEquals(0, r.code(), r.err());
            Map<String, String> f = fields(r.out());
            StatusSnapshot s = StatusSimulations.snapshot(sim);
            assertEquals("1", f.get("stratum"));
            assertEquals("PPS", f.get("refid"));
            assertEquals(s.clock().refId(), f.get("refid"));
            assertEquals("none", f.get("leap"));
            // the bound is republished every second: the reply's and the snapshot's are within a few µs
            assertEquals(s.clock().rootDispersionSeconds(), seconds(f.get("root dispersion")), 50e-6, f.toString());
        }
    }

    @Test
    void anUnsynchronisedServerIsReportedAndExitsOne() throws Exception {
        try (Simulation sim = StatusSimulations.start(false, LeapIndicator.NO_WARNING)) {
            StatusSimulations.Run r = StatusSimulations.run("query", sim.listening().get(0).toString());
            assertEquals(1, r.code());
            assertEquals("unsynchronised", fields(r.out()).get("leap"));
            Map<String, String> f = fields(r.out());
            assertEquals("gnomon query: " + sim.listening().get(0) + " is not synchronised (leap indicator 3, stratum "
                    + f.get("stratum") + "): its time must not be used", r.err());
        }
    }

    @Test
    void silenceIsATimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            StatusSimulations.Run r = StatusSimulations.run("query", "--timeout", "0.3",
                    "127.0.0.1:" + silent.getLocalPort());
            assertEquals(1, r.code());
            assertEquals("gnomon query: no reply from 127.0.0.1:" + silent.getLocalPort() + " within 0.3 s", r.err());
        }
    }

    @Test
    void unresolvableAndMalformedTargetsAreOneLine() {
        StatusSimulations.Run r = StatusSimulations.run("query", "no-such-host.invalid");
        assertEquals(1, r.code());
        assertEquals("gnomon query: cannot resolve 'no-such-host.invalid': unknown host", r.err());
        r = StatusSimulations.run("query", "127.0.0.1:99999");
        assertEquals("gnomon query: '99999' is not a port number (1-65535)", r.err());
        r = StatusSimulations.run("query", "[::1");
        assertEquals("gnomon query: '[::1': missing ']' after the IPv6 address", r.err());
    }
}
