package io.gnomon.refclock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the leap-seconds.list parser (Jazzer). The input is the file's bytes (seeds: the
 * IERS/IETF file the tests use, the same without its #h hash line so mutations are not all stopped by the hash,
 * and short hand-made files).
 *
 * <p>Invariants, for any bytes: no exception; a table or a non-blank reason, the same both times; a table has
 * entries in strictly increasing order and answers every query about them without throwing; and for a table that
 * looks like a real one (entries from 1972 on, at least a day apart, each step one second up or down) the
 * conversions agree: TAI−UTC at each entry is the entry's, UTC → TAI → UTC gives the same second around every
 * entry (except the second a deletion removes), a label 23:59:60 before an insertion maps back to 23:59:59, and
 * the day before an entry at midnight announces it.
 */
@Tag("slow")
class LeapSecondTableFuzzTest {

    private static final long FIRST_LEAP_ERA = 63_072_000L; // 1972-01-01
    private static final long LAST_PLAUSIBLE = 1L << 34;     // year 2514
    private static final long DAY = 86_400L;

    @FuzzTest(maxDuration = "4s")
    void anyLeapSecondsFileParsesOrIsRejected(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        LeapSecondTable.Parsed parsed = LeapSecondTable.parse(text);
        assertEquals(Shape.of(parsed), Shape.of(LeapSecondTable.parse(text)), "deterministic");
        switch (parsed) {
            case LeapSecondTable.Parsed.Rejected(String reason) -> assertFalse(reason == null || reason.isBlank());
            case LeapSecondTable.Parsed.Table(LeapSecondTable table) -> check(table);
        }
    }

    private static void check(LeapSecondTable table) {
        List<LeapSecondTable.Entry> entries = table.entries();
        assertFalse(entries.isEmpty());
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i).utcSecond() > entries.get(i - 1).utcSecond(), "strictly increasing");
        }
        for (LeapSecondTable.Entry e : entries) {
            table.taiMinusUtcAt(e.utcSecond());
            table.insertsAfter(e.utcSecond() - 1);
            if (Math.abs(e.utcSecond()) < Long.MAX_VALUE / UtcTime.NANOS_PER_SECOND - 2) {
                UtcTime at = UtcTime.ofEpochSecond(e.utcSecond());
                assertNotNull(table.indicatorFor(at));
                table.toUtc(table.toTai(at, false));
            }
        }
        table.updated().ifPresent(u -> table.isExpiredAt(u));
        table.expires().ifPresent(x -> table.isExpiredAt(x));
        if (looksReal(entries)) {
            checkConversions(table, entries);
        }
    }

    private static boolean looksReal(List<LeapSecondTable.Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            LeapSecondTable.Entry e = entries.get(i);
            if (e.utcSecond() < FIRST_LEAP_ERA || e.utcSecond() > LAST_PLAUSIBLE || Math.abs(e.taiMinusUtc()) > 1000) {
                return false;
            }
            if (i > 0) {
                LeapSecondTable.Entry p = entries.get(i - 1);
                if (e.utcSecond() - p.utcSecond() < DAY || Math.abs(e.taiMinusUtc() - p.taiMinusUtc()) != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkConversions(LeapSecondTable table, List<LeapSecondTable.Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            LeapSecondTable.Entry e = entries.get(i);
            assertEquals(e.taiMinusUtc(), table.taiMinusUtcAt(e.utcSecond()));
            int step = i == 0 ? 0 : e.taiMinusUtc() - entries.get(i - 1).taiMinusUtc();
            for (long t = e.utcSecond() - 3; t <= e.utcSecond() + 2; t++) {
                if (step < 0 && t == e.utcSecond() - 1) {
                    continue; // the removed second does not exist
                }
                UtcTime utc = UtcTime.ofEpochSecond(t).plusNanos(250_000_000L);
                assertEquals(utc, table.toUtc(table.toTai(utc, false)), () -> "round trip at " + utc + " near " + e);
            }
            if (step > 0) {
                UtcTime last = UtcTime.ofEpochSecond(e.utcSecond() - 1);
                assertTrue(table.insertsAfter(e.utcSecond() - 1));
                assertEquals(last, table.toUtc(table.toTai(last, true)), "23:59:60 repeats 23:59:59 in POSIX");
                assertTrue(table.toTai(last, true).compareTo(table.toTai(last, false)) > 0, "the leap second is later");
            }
            if (i > 0 && e.utcSecond() % DAY == 0) {
                LeapIndicator expected = step > 0 ? LeapIndicator.INSERT_SECOND : LeapIndicator.DELETE_SECOND;
                assertEquals(expected, table.indicatorFor(UtcTime.ofEpochSecond(e.utcSecond() - DAY / 2)));
            }
        }
    }

    /** What a parse produced, comparable by value (records' equals; no text is built on the way). */
    private record Shape(String rejected, List<LeapSecondTable.Entry> entries, Object updated, Object expires) {
        static Shape of(LeapSecondTable.Parsed p) {
            return switch (p) {
                case LeapSecondTable.Parsed.Rejected(String reason) -> new Shape(reason, null, null, null);
                case LeapSecondTable.Parsed.Table(LeapSecondTable t) -> new Shape(null, t.entries(), t.updated(), t.expires());
            };
        }
    }
}
