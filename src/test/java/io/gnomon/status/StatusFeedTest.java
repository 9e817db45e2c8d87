package io.gnomon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusFeedTest {

    @Test
    void logsTheFirstStateAndEachChangeOnceWithItsReason() {
        StatusFeed feed = new StatusFeed(new StatusHistory(), 60);
        StatusSnapshot locked = Snapshots.ppsLocked();
        assertEquals(List.of("state: PPS locked: PPS edges labelled by NMEA for 3h12m"), feed.accept(locked, 100));
        assertEquals(List.of(), feed.accept(locked, 101));
        StatusSnapshot holdover = Snapshots.withState(locked, "holdover", "no labelled PPS edge for 3 s", 1000,
                locked.ntp().dropped());
        assertEquals(List.of("state: PPS locked \u2192 holdover: no labelled PPS edge for 3 s"),
                feed.accept(holdover, 101)); // same second: no history row, but the change is still logged once
        assertEquals(List.of(), feed.accept(holdover, 102));
        assertSame(holdover, feed.latest());
    }

    @Test
    void requestRateIsTheCounterDifferencePerSecond() {
        StatusFeed feed = new StatusFeed(new StatusHistory(), 60);
        StatusSnapshot s = Snapshots.ppsLocked();
        feed.accept(Snapshots.withState(s, "PPS locked", "r", 100, Map.of()), 10);
        feed.accept(Snapshots.withState(s, "PPS locked", "r", 160, Map.of()), 12);
        HistoryTable hour = feed.history().lastHour();
        assertEquals(Double.NaN, hour.ntpRequestsPerSecond()[0]);
        assertEquals(30.0, hour.ntpRequestsPerSecond()[1]);
        assertEquals(-42e-9, hour.offsetSeconds()[1]);
    }

    @Test
    void dropsAreSummarisedAtMostOncePerInterval() {
        DropSummary d = new DropSummary(60);
        assertEquals(Optional.empty(), d.next(Map.of("TOO_SHORT", 5L), 0));
        assertEquals(Optional.empty(), d.next(Map.of("TOO_SHORT", 5_000L), 30));
        assertEquals(Optional.of("dropped 5100 NTP requests in the last 1m00s: RATE_LIMITED 105, TOO_SHORT 4995"),
                d.next(Map.of("TOO_SHORT", 5_000L, "RATE_LIMITED", 105L), 60));
        assertEquals(Optional.empty(), d.next(Map.of("TOO_SHORT", 5_000L, "RATE_LIMITED", 105L), 200));
        assertEquals(Optional.of("dropped 1 NTP request in the last 1m00s: TOO_SHORT 1"),
                d.next(Map.of("TOO_SHORT", 5_001L, "RATE_LIMITED", 105L), 260));
    }

    @Test
    void anExpiredLeapFileIsLoggedOnceWhenItIsFirstSeen() {
        StatusFeed feed = new StatusFeed(new StatusHistory(), 60, false);
        StatusSnapshot ok = Snapshots.ppsLocked();
        StatusSnapshot expired = new StatusSnapshot(ok.version(), ok.generatedAt(), ok.uptimeSeconds(), ok.lock(), ok.clock(),
                ok.receiver(), ok.pps(), new StatusSnapshot.Leap("none", "2025-12-28", "anchor", true), ok.ntp(),
                ok.drill());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), feed.accept(ok, 1000));
        java.util.List<String> first = feed.accept(expired, 1001);
        org.junit.jupiter.api.Assertions.assertEquals(1, first.size(), first.toString());
        org.junit.jupiter.api.Assertions.assertTrue(first.getFirst().contains("expired on 2025-12-28"), first.toString());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), feed.accept(expired, 1002));
        String text = StatusText.summary(expired);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("leap file EXPIRED 2025-12-28"), text);
        org.junit.jupiter.api.Assertions.assertTrue(StatusJson.write(expired).contains("\"leapFileExpired\":true"));
        org.junit.jupiter.api.Assertions.assertTrue(StatusJson.read(StatusJson.write(expired)).leap().leapFileExpired());
    }

    @Test
    void aDrillShowsInTheSummaryAndSurvivesJson() {
        StatusSnapshot s = Snapshots.ppsLocked().withDrill(new StatusSnapshot.Drill("both-lost", "PPS and receiver gone", 2, 3, 75));
        String text = StatusText.summary(s);
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("DRILL both-lost (PPS and receiver gone): "), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("step 2 of 3: PPS and receiver gone"), text);
        org.junit.jupiter.api.Assertions.assertEquals(s, StatusJson.read(StatusJson.write(s)));
        org.junit.jupiter.api.Assertions.assertNull(StatusJson.read(StatusJson.write(Snapshots.ppsLocked())).drill());
        org.junit.jupiter.api.Assertions.assertFalse(StatusText.summary(Snapshots.ppsLocked()).contains("DRILL"));
    }
}
