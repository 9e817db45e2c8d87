package io.gnomon.leap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.ntp.LeapIndicator;
import io.gnomon.discipline.LeapSmear;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeapSecondTableTest {
    private static UtcTime utc(String s) {
        return UtcTime.of(Instant.parse(s));
    }

    @Test
    void parsesTheShippedListAndChecksItsHash() {
        LeapSecondTable t = LeapSecondTables.shipped();
        assertEquals(28, t.entries().size());
        assertEquals(37, t.taiMinusUtcAt(utc("2026-01-01T00:00:00Z").epochSecond()));
        assertEquals(36, t.taiMinusUtcAt(utc("2016-12-31T23:59:59Z").epochSecond()));
        assertEquals(utc("2026-06-28T00:00:00Z"), t.expires().orElseThrow());
        assertTrue(t.isExpiredAt(utc("2026-11-25T00:00:00Z")));
        assertFalse(t.isExpiredAt(utc("2026-01-01T00:00:00Z")));
    }

    @Test
    void aTamperedListIsRejected() {
        String text = LeapSecondTables.shippedText().replaceFirst("3692217600\\s+37", "3692217600      38");
        var parsed = LeapSecondTable.parse(text);
        assertInstanceOf(LeapSecondTable.Parsed.Rejected.class, parsed);
        assertTrue(((LeapSecondTable.Parsed.Rejected) parsed).reason().contains("hash mismatch"));
        assertInstanceOf(LeapSecondTable.Parsed.Rejected.class, LeapSecondTable.parse("# nothing\n"));
        assertInstanceOf(LeapSecondTable.Parsed.Rejected.class, LeapSecondTable.parse("12 x\n"));
    }

    @Test
    void leapIndicatorIsSetForTheWholeDayBefore() {
        LeapSecondTable t = LeapSecondTables.shipped();
        assertEquals(LeapIndicator.INSERT_SECOND, t.indicatorFor(utc("2016-12-31T00:00:00Z")));
        assertEquals(LeapIndicator.INSERT_SECOND, t.indicatorFor(utc("2016-12-31T23:59:59Z")));
        assertEquals(LeapIndicator.NO_WARNING, t.indicatorFor(utc("2016-12-30T23:59:59Z")));
        assertEquals(LeapIndicator.NO_WARNING, t.indicatorFor(utc("2017-01-01T00:00:00Z")));
    }

    @Test
    void theInsertedSecondRepeats235959AndIsDistinctInTai() {
        LeapSecondTable t = LeapSecondTables.shipped();
        UtcTime last = utc("2016-12-31T23:59:59Z");
        TaiTime normal = t.toTai(last, false);
        TaiTime leap = t.toTai(last, true);
        TaiTime next = t.toTai(utc("2017-01-01T00:00:00Z"), false);
        assertEquals(1_000_000_000L, leap.nanosSince(normal));
        assertEquals(1_000_000_000L, next.nanosSince(leap));
        assertEquals(last, t.toUtc(normal));
        assertEquals(last.plusNanos(500_000_000L), t.toUtc(leap.plusNanos(500_000_000L)));
        assertEquals(utc("2017-01-01T00:00:00Z"), t.toUtc(next));
        assertTrue(t.insertsAfter(last.epochSecond()));
    }

    @Test
    void smearSpreadsTheLeapOverTwentyFourHours() {
        LeapSecondTable t = LeapSecondTables.shipped();
        LeapSmear smear = new LeapSmear(t);
        TaiTime noonBefore = t.toTai(utc("2016-12-31T12:00:00Z"), false);
        TaiTime midnight = t.toTai(utc("2017-01-01T00:00:00Z"), false);
        TaiTime noonAfter = t.toTai(utc("2017-01-01T12:00:00Z"), false);
        assertEquals(utc("2016-12-31T12:00:00Z"), smear.toUtc(noonBefore));
        assertEquals(utc("2017-01-01T12:00:00Z"), smear.toUtc(noonAfter));
        // just after the inserted second, half of it has been absorbed: smeared time is 0.5 s ahead of stepped UTC
        assertEquals(500_000_000L, smear.toUtc(midnight).nanosSince(utc("2017-01-01T00:00:00Z")), 10_000);
    }

    @Test
    void absurdNumbersAreRejectedWithTheLineNotThrown() {
        // found by Jazzer: an over-long #$ or entry number overflowed the nanosecond conversion
        for (String text : new String[] {
                "#$ 3676924800000\n2272060800 10\n",
                "#@ 99999999999999999\n2272060800 10\n",
                "2272060800000000 10\n",
                "-5 10\n",
                // also found by Jazzer: an entry past year 2262 overflowed the TAI nanoseconds and broke conversions
                "11833776000 14\n"}) {
            var parsed = LeapSecondTable.parse(text);
            var rejected = assertInstanceOf(LeapSecondTable.Parsed.Rejected.class, parsed, text);
            assertTrue(rejected.reason().startsWith("line 1: not a number"), rejected.reason());
        }
    }
}
