package io.gnomon.discipline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The packet path's nanosecond conversion gives exactly what the value-type one gives. */
class SoftwareCorrectedClockNanosTest {
    private static final long NS = 1_000_000_000L;
    /** 2017-01-01T00:00:00Z, when TAI − UTC went from 36 to 37 s. */
    private static final long LEAP_UTC = 1_483_228_800L;

    @Test
    void nanosecondConversionMatchesTheValueConversionAroundALeapSecond() {
        LeapSecondTable leaps = new LeapSecondTable(List.of(new LeapSecondTable.Entry(1_435_708_800L, 36),
                new LeapSecondTable.Entry(LEAP_UTC, 37)), Optional.empty(), Optional.empty());
        SoftwareCorrectedClock clock = new SoftwareCorrectedClock(() -> new RealtimeTime(0), leaps, null);
        long host = LEAP_UTC * NS - 5 * NS;
        assertEquals(host, clock.fromRealtimeNanos(host), "no estimate yet: host time as it is");
        // host realtime runs 250 µs ahead of TAI−37 s at the reference and gains 20 ppm
        TaiTime reference = new TaiTime((LEAP_UTC + 36) * NS - 10 * NS);
        clock.apply(Optional.of(new ClockEstimate(reference, 250_000 - 36 * NS, 20e-6, 1_000, 1e-8, 0, 0, 100, 16)));
        for (long t = host - 3 * NS; t < host + 10 * NS; t += 123_456_789L) {
            assertEquals(clock.fromRealtime(new RealtimeTime(t)).epochNanos(), clock.fromRealtimeNanos(t), "at " + t);
        }
    }
}
