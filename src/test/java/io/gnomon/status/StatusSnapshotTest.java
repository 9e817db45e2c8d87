package io.gnomon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatusSnapshotTest {
    private static final StatusSnapshot.Drill DRILL = new StatusSnapshot.Drill("pps-loss", "PPS line lost", 2, 3, 61);
    private static final StatusSnapshot.RateLimiterTable TABLE = new StatusSnapshot.RateLimiterTable(17, 4096);

    /** The real appliance adds the drill, then the rate limiter: the banner was lost on the way (found end to end). */
    @Test
    void addingTheRateLimiterKeepsTheDrillAndTheOtherWayRound() {
        StatusSnapshot s = Snapshots.ppsLocked();
        StatusSnapshot drillFirst = s.withDrill(DRILL).withRateLimiter(TABLE);
        StatusSnapshot tableFirst = s.withRateLimiter(TABLE).withDrill(DRILL);
        assertEquals(DRILL, drillFirst.drill());
        assertEquals(TABLE, drillFirst.ntp().rateLimiter());
        assertEquals(drillFirst, tableFirst);
        assertEquals(s.lock(), drillFirst.lock());
        assertEquals(s.receiver(), drillFirst.receiver());
    }
}
