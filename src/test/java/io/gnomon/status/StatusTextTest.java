package io.gnomon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void theHeadlineSaysStateDurationOffsetJitterAndSatellites() {
        assertEquals("PPS locked for 3h12m; offset \u221242.0 ns, jitter 310 ns; 9/14 satellites",
                StatusText.headline(Snapshots.ppsLocked()));
    }

    @Test
    void theSummaryHasTheReasonAndOneAlignedLinePerFact() {
        String text = StatusText.summary(Snapshots.ppsLocked());
        assertTrue(text.contains("\nReason          : PPS edges labelled by NMEA for 3h12m\n"), text);
        assertTrue(text.contains("\nReference ID    : PPS, stratum 1\n"), text);
        assertTrue(text.contains("\nFrequency       : +12.345 ppm\n"), text);
        assertTrue(text.contains("\nSatellites      : 9 used / 14 in view (GLONASS 1, GPS 1)\n"), text);
        assertTrue(text.contains("\nNTP             : 1000 requests, 990 replies, 7 dropped (TOO_SHORT 7), 3 KoD sent,"
                + " ~4 clients in the last 10m00s (±1.6%)\n"), text);
        assertTrue(text.contains("\nLeap second     : none announced; leap file expires 2027-06-28\n"), text);
    }

    @Test
    void anExpiredLeapFileIsSaidLoudly() {
        assertEquals("; leap file EXPIRED 2026-06-28 (update tzdata)", StatusText.leapFile("2026-06-28",
                "2026-11-25T12:00:00Z"));
        assertEquals("; leap file expires 2026-06-28", StatusText.leapFile("2026-06-28", "2026-06-28T12:00:00Z"));
    }

    @Test
    void quantitiesReadNaturally() {
        assertEquals("45s", Quantities.duration(45));
        assertEquals("12m05s", Quantities.duration(725));
        assertEquals("3h12m", Quantities.duration(3 * 3600 + 12 * 60 + 59));
        assertEquals("2d03h", Quantities.duration(2 * 86_400 + 3 * 3600));
        assertEquals("\u2212310 ns", Quantities.seconds(-310e-9));
        assertEquals("1.50 ms", Quantities.seconds(0.0015));
        assertEquals("12.3 \u00b5s", Quantities.seconds(12.3e-6));
        assertEquals("unknown", Quantities.seconds(Double.NaN));
        assertEquals("\u22120.500 ppm", Quantities.ppm(-0.5));
    }
}
