package io.gnomon.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.sim.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new drills' variations: a truncated state file, an unexpired leap list, what a UART at a wrong rate passes. */
class DrillVariationsTest {

    @Test
    void aRestartWithATruncatedStateFileReportsItAndStillRelocks() {
        Drill d = Drills.restartMidHoldover(text -> text.substring(0, text.length() / 2), "truncated");
        DrillTimeline t = DrillRunner.run(d);
        System.out.println(t.format());
        assertEquals(List.of(), t.failures(), t.format());
        assertTrue(t.transitions().stream().anyMatch(c -> c.reason().contains("state file unusable: ignored")), t.format());
    }

    @Test
    void anUnexpiredListGivesTheClientTheSameViewAndNoWarning() {
        Drill expired = Drills.leapListExpired();
        Scenario s = expired.scenario();
        Scenario fresh = new Scenario(s.name(), s.seed(), s.start(), s.durationSeconds(), s.oscillator(), s.pps(),
                s.receiver(), s.delayNanosAtSecond(), s.faults(), s.unplugAfterSeconds(), s.bootErrorNanos(),
                s.savedFrequency(), s.reference(), Drills.leaps(), s.warmupSeconds(), s.throughNmeaBytes());
        DrillTimeline a = DrillRunner.run(expired);
        DrillTimeline b = DrillRunner.run(new Drill(expired.name(), expired.summary(), fresh, expired.ppsPresent(),
                expired.edgeDropped(), 0, expired.nmeaShiftSeconds(), expired.checkpointSeconds(), expired.assertions(),
                expired.check()));
        assertEquals(a.rows().size(), b.rows().size());
        for (int i = 0; i < a.rows().size(); i++) {
            var x = a.rows().get(i);
            var y = b.rows().get(i);
            assertEquals(List.of(x.stratum(), x.refId(), x.leap(), x.offsetSeconds()),
                    List.of(y.stratum(), y.refId(), y.leap(), y.offsetSeconds()), "row " + i);
            assertFalse(y.leapFileExpired());
        }
        assertFalse(b.failures().isEmpty(), "the expired-list check must notice a list that has not expired");
    }

    @Test
    void aWrongBaudRateLetsNoValidSentenceThrough() {
        byte[] sent = (io.gnomon.sim.NmeaSentences.sentence("GPRMC,120000.00,A,4807.038,N,01131.000,E,0.02,31.66,010326,,,A")
                .repeat(40)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int[] rates : new int[][] {{4800, 9600}, {9600, 4800}, {38400, 9600}, {115200, 9600}}) {
            byte[] seen = io.gnomon.fault.UartMismatch.received(sent, rates[0], rates[1]);
            io.gnomon.gps.GpsReceiver r = io.gnomon.gps.GpsReceiver.standard(java.time.LocalDate.of(2026, 1, 1),
                    e -> { });
            r.accept(seen, 0, seen.length, new io.gnomon.time.MonotonicTime(0));
            r.endOfInput();
            assertEquals(0, r.framingCounters().verifiedSentences(), rates[0] + " read at " + rates[1]);
            assertTrue(r.framingCounters().totalRejects() > 0 || seen.length == 0, rates[0] + " read at " + rates[1]);
        }
        byte[] same = io.gnomon.fault.UartMismatch.received(sent, 9600, 9600);
        assertEquals(new String(sent, java.nio.charset.StandardCharsets.US_ASCII),
                new String(same, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
