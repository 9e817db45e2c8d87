package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.daemon.Simulation;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.testing.StatusSimulations;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gnomon status} against a running simulated server, in each state simulate can be started in. */
class StatusCommandTest {

    @Test
    void synchronisedSaysItServesWithTheReasonAndTheCounters() throws Exception {
        try (Simulation sim = StatusSimulations.start(true, LeapIndicator.NO_WARNING)) {
            StatusSimulations.Run r = StatusSimulations.run("status", "--url", StatusSimulations.baseUrl(sim));
            assertEquals(0, r.code(), r.err());
            String[] lines = r.out().split("\n");
            assertTrue(lines[0].matches("simulated for \\d+s; offset 0 s, jitter 0 s"), lines[0]);
            assertTrue(r.out().contains("\nState           : simulated (serving time)\n"), r.out());
            assertTrue(r.out().contains("\nReason          : simulated reference following the host clock (no GPS or"
                    + " PPS devices)\n"), r.out());
            assertTrue(r.out().contains("\nReference ID    : SIM, stratum 1\n"), r.out());
            assertTrue(r.out().contains("\nLeap second     : none announced; no leap-second file\n"), r.out());
            assertTrue(r.out().contains("\nNTP             : 0 requests, 0 replies, 0 dropped, 0 KoD sent,"
                    + " ~0 clients in the last 10m00s (±1.6%)\n"), r.out());
        }
    }

    @Test
    void unsynchronisedSaysItIsNotServingAndWhy() throws Exception {
        try (Simulation sim = StatusSimulations.start(false, LeapIndicator.NO_WARNING)) {
            StatusSimulations.Run r = StatusSimulations.run("status", "--url", StatusSimulations.baseUrl(sim));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("unsynchronised for "), r.out());
            assertTrue(r.out().contains("\nState           : unsynchronised (NOT serving time: leap indicator 3)\n"),
                    r.out());
            assertTrue(r.out().contains("\nReason          : started with --unsynchronised: replies carry leap"
                    + " indicator 3\n"), r.out());
            assertTrue(r.out().contains("\nOffset          : unknown\n"), r.out());
            assertTrue(r.out().contains("\nLeap second     : unknown (not synchronised);"), r.out());
        }
    }

    @Test
    void aPendingLeapSecondIsAnnounced() throws Exception {
        try (Simulation sim = StatusSimulations.start(true, LeapIndicator.INSERT_SECOND)) {
            StatusSimulations.Run r = StatusSimulations.run("status", "--url", StatusSimulations.baseUrl(sim) + "/");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\nLeap second     : insertion announced for the end of this UTC day;"),
                    r.out());
            StatusSimulations.Run json = StatusSimulations.run("status", "--json", "--url",
                    StatusSimulations.baseUrl(sim));
            assertEquals(0, json.code(), json.err());
            StatusSnapshot s = StatusJson.read(json.out());
            assertEquals("insert", s.leap().indicator());
            assertTrue(s.lock().serving());
        }
    }

    @Test
    void ppsLockedThenHoldoverWhenTheSimulatedGpsIsUnplugged() throws Exception {
        try (Simulation sim = StatusSimulations.startAppliance(6)) {
            StatusSimulations.awaitState(sim, "PPS locked", 15);
            StatusSimulations.Run locked = StatusSimulations.run("status", "--url", StatusSimulations.baseUrl(sim));
            assertEquals(0, locked.code(), locked.err());
            assertTrue(locked.out().matches("(?s)PPS locked for \\d+s; offset \\S+ [µn]?s, jitter \\S+ [µn]s; 8/11 satellites\n.*"),
                    locked.out());
            StatusSnapshot l = StatusJson.read(StatusSimulations.run("status", "--json", "--url",
                    StatusSimulations.baseUrl(sim)).out());
            // the simulated receiver's GSV/GSA reach the status page: satellites in view with their SNRs
            assertEquals("3D", l.receiver().fixQuality());
            assertEquals(11, l.receiver().satellitesInView());
            assertEquals(8, l.receiver().satellitesUsed());
            assertEquals(8, l.receiver().satellites().stream().filter(x -> x.snrDbHz() > 20).count(), l.toString());
            assertEquals("GPS", l.receiver().satellites().getFirst().constellation());
            // GSA's PRNs marked in GSV's list: as many as GGA says the fix uses, the untracked ones not among them
            assertEquals(8, l.receiver().satellites().stream().filter(StatusSnapshot.Satellite::used).count());
            assertTrue(l.receiver().satellites().stream().filter(StatusSnapshot.Satellite::used)
                    .allMatch(x -> x.snrDbHz() > 20), l.receiver().toString());
            assertTrue(l.receiver().secondsSinceLastCycle() < 2, l.receiver().toString());
            // host clock vs UTC: the simulated host is UTC itself, so microseconds, never TAI − UTC (−37 s)
            assertEquals(0, l.clock().offsetSeconds(), 1e-3, l.clock().toString());
            assertTrue(locked.out().contains("\nState           : PPS locked (serving time)\n"), locked.out());
            assertTrue(locked.out().contains("\nReference ID    : PPS, stratum 1\n"), locked.out());
            assertTrue(locked.out().contains("\nNMEA delay      : "), locked.out());
            StatusSimulations.awaitState(sim, "holdover", 20);
            StatusSimulations.Run holdover = StatusSimulations.run("status", "--url", StatusSimulations.baseUrl(sim));
            assertTrue(holdover.out().startsWith("holdover for "), holdover.out());
            assertTrue(holdover.out().contains("\nState           : holdover (serving time)\n"), holdover.out());
            StatusSnapshot s = StatusJson.read(StatusSimulations.run("status", "--json", "--url",
                    StatusSimulations.baseUrl(sim)).out());
            assertEquals("holdover", s.lock().state());
            assertEquals(0, s.clock().offsetSeconds(), 1e-3, s.clock().toString());
            assertTrue(s.lock().reason().contains("PPS"), s.lock().reason());
            // the receiver went quiet with the PPS: past the device timeout its last sky is not shown as current
            for (int i = 0; i < 100 && s.receiver().secondsSinceLastCycle() <= 5; i++) {
                Thread.sleep(100);
                s = StatusSimulations.snapshot(sim);
            }
            assertTrue(s.receiver().secondsSinceLastCycle() > 5, s.receiver().toString());
            assertEquals(List.of(), s.receiver().satellites());
            assertEquals(0, s.receiver().satellitesInView());
            assertEquals(0, s.receiver().satellitesUsed());
            assertNull(s.receiver().fixQuality());
            String quiet = StatusSimulations.run("status", "--url", StatusSimulations.baseUrl(sim)).out();
            assertTrue(quiet.matches("(?s).*\nReceiver        : [^\n]*, last cycle \\d+s ago\n.*"), quiet);
            assertTrue(quiet.contains("\nSatellites      : 0 used / 0 in view"), quiet);
        }
    }

    @Test
    void nothingListeningIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StatusSimulations.Run r = StatusSimulations.run("status", "--url", "http://127.0.0.1:" + port);
        assertEquals(1, r.code());
        assertEquals("gnomon status: nothing listens at http://127.0.0.1:" + port
                + " (is gnomon running? its status address is set with --http)", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBadUrlIsOneLine() {
        StatusSimulations.Run r = StatusSimulations.run("status", "--url", "ftp://x");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("gnomon status: 'ftp://x' is not an http URL"), r.err());
    }
}
