package io.gnomon.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {

    private static HistoryRow row(long t, double offset) {
        return new HistoryRow(t, offset, offset / 2, offset * 10, 1.0);
    }

    @Test
    void anHourOfSecondsKeepsTheLast3600InOrder() {
        StatusHistory h = new StatusHistory();
        for (long t = 1000; t < 1000 + 5000; t++) {
            h.add(row(t, t));
        }
        HistoryTable hour = h.lastHour();
        assertEquals(StatusHistory.HOUR_ROWS, hour.size());
        assertEquals(1000 + 5000 - 3600, hour.t()[0]);
        assertEquals(1000 + 5000 - 1, hour.t()[hour.size() - 1]);
        for (int i = 1; i < hour.size(); i++) {
            assertEquals(hour.t()[i - 1] + 1, hour.t()[i]);
            assertEquals(hour.t()[i], hour.offsetSeconds()[i]);
        }
    }

    @Test
    void minutesAreMeansOfTheirSecondsStampedWithTheMinuteStart() {
        StatusHistory h = new StatusHistory();
        for (long t = 600; t < 600 + 180; t++) { // minutes 10, 11, 12; offset = second within the minute
            h.add(row(t, t % 60));
        }
        HistoryTable day = h.lastDay();
        // minute 12 is not finished until a row of minute 13 arrives
        assertArrayEquals(new long[] {600, 660}, day.t());
        assertArrayEquals(new double[] {29.5, 29.5}, day.offsetSeconds());
        assertArrayEquals(new double[] {295, 295}, day.frequencyPpm());
        h.add(row(780, 0));
        assertEquals(3, h.lastDay().size());
    }

    @Test
    void unknownValuesAreLeftOutOfMeansAndAMinuteOfUnknownsStaysUnknown() {
        StatusHistory h = new StatusHistory();
        h.add(new HistoryRow(0, 1.0, Double.NaN, Double.NaN, Double.NaN));
        h.add(new HistoryRow(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        h.add(new HistoryRow(2, 3.0, Double.NaN, Double.NaN, Double.NaN));
        h.add(new HistoryRow(60, 0, 0, 0, 0));
        HistoryRow m = h.lastDay().row(0);
        assertEquals(2.0, m.offsetSeconds());
        assertTrue(Double.isNaN(m.jitterSeconds()));
    }

    @Test
    void aRowNotLaterThanTheLastIsIgnored() {
        StatusHistory h = new StatusHistory();
        assertTrue(h.add(row(100, 1)));
        assertFalse(h.add(row(100, 2)));
        assertFalse(h.add(row(50, 3)));
        assertEquals(1, h.lastHour().size());
        assertEquals(1.0, h.lastHour().offsetSeconds()[0]);
    }

    @Test
    void aDayOfMinutesIsBounded() {
        StatusHistory h = new StatusHistory(10, 1440);
        for (long t = 0; t < 2 * 86_400; t += 30) {
            h.add(row(t, 1));
        }
        HistoryTable day = h.lastDay();
        assertEquals(StatusHistory.DAY_ROWS, day.size());
        assertEquals(2 * 86_400 - 120, day.t()[day.size() - 1]); // the last finished minute
    }

    @Property(tries = 200)
    void ringsNeverExceedCapacityAndStayOrdered(@ForAll @IntRange(min = 1, max = 50) int capacity,
                                                @ForAll @IntRange(min = 0, max = 400) int rows) {
        StatusHistory h = new StatusHistory(capacity, capacity);
        for (int i = 0; i < rows; i++) {
            h.add(row(i * 7L, i));
        }
        for (HistoryTable table : new HistoryTable[] {h.lastHour(), h.lastDay()}) {
            assertTrue(table.size() <= capacity);
            for (int i = 1; i < table.size(); i++) {
                assertTrue(table.t()[i - 1] < table.t()[i]);
            }
        }
        assertEquals(Math.min(rows, capacity), h.lastHour().size());
    }
}
