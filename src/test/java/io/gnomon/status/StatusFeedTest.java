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
}
