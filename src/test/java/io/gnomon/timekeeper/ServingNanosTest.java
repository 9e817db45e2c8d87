package io.gnomon.timekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The packet path's nanosecond conversion gives exactly what the value-type one gives. */
class ServingNanosTest {
    private static final long NS = 1_000_000_000L;
    /** 2017-01-01T00:00:00Z, when TAI − UTC went from 36 to 37 s. */
    private static final long LEAP_UTC = 1_483_228_800L;

    @Test
    void nanosecondConversionMatchesTheValueConversionAroundALeapSecond() {
        LeapSecondTable leaps = new LeapSecondTable(List.of(new LeapSecondTable.Entry(1_435_708_800L, 36),
                new LeapSecondTable.Entry(LEAP_UTC, 37)), Optional.empty(), Optional.empty());
        long host = LEAP_UTC * NS - 5 * NS;
        assertEquals(host, Serving.initial(leaps).servedUtcNanos(host), "no estimate yet: host time as it is");
        // host realtime runs 250 µs ahead of TAI−37 s at the reference and gains 20 ppm
        TaiTime reference = new TaiTime((LEAP_UTC + 36) * NS - 10 * NS);
        Serving serving = new Serving(ReferenceSnapshot.unsynchronised(""),
                Optional.of(new ClockEstimate(reference, 250_000 - 36 * NS, 20e-6, 1_000, 1e-8, 0, 0, 100, 16)), leaps);
        for (long t = host - 3 * NS; t < host + 10 * NS; t += 123_456_789L) {
            assertEquals(serving.servedUtc(new RealtimeTime(t)).epochNanos(), serving.servedUtcNanos(t), "at " + t);
        }
    }
}
