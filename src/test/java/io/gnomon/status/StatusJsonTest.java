package io.gnomon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusJsonTest {

    @Test
    void roundTripsIncludingUnknownNumbers() {
        StatusSnapshot s = Snapshots.ppsLocked();
        String json = StatusJson.write(s);
        assertEquals(s, StatusJson.read(json));
        assertTrue(json.contains("\"snrDbHz\":null"), json);
        assertFalse(json.contains("NaN"), json);
    }

    @Test
    void carriesTheRateLimiterTableAndReadsOlderJsonWithoutIt() {
        StatusSnapshot s = Snapshots.ppsLocked().withRateLimiter(new StatusSnapshot.RateLimiterTable(17, 4096));
        String json = StatusJson.write(s);
        assertTrue(json.contains("\"rateLimiter\":{\"entries\":17,\"capacity\":4096}"), json);
        assertEquals(s, StatusJson.read(json));
        String older = json.replace(",\"rateLimiter\":{\"entries\":17,\"capacity\":4096}", "");
        assertFalse(older.contains("rateLimiter"), older);
        assertEquals(StatusSnapshot.RateLimiterTable.NONE, StatusJson.read(older).ntp().rateLimiter());
    }

    @Test
    void historyIsColumnsWithUnknownsAsNull() {
        StatusHistory h = new StatusHistory();
        h.add(new HistoryRow(10, 1e-9, Double.NaN, 0.5, 2));
        String json = StatusJson.writeHistory(h.lastHour(), h.lastDay());
        assertEquals("{\"hour\":{\"t\":[10],\"offsetSeconds\":[1.0E-9],\"jitterSeconds\":[null],\"frequencyPpm\":[0.5],"
                + "\"ntpRequestsPerSecond\":[2.0]},\"day\":{\"t\":[],\"offsetSeconds\":[],\"jitterSeconds\":[],"
                + "\"frequencyPpm\":[],\"ntpRequestsPerSecond\":[]}}", json);
    }

    @Test
    void somethingElseIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatusJson.read("<html>"));
        assertTrue(e.getMessage().startsWith("not a Gnomon status snapshot: "), e.getMessage());
    }
}
