package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nmea.NmeaDate;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateResolverTest {

    private final DateResolver at2019 = DateResolver.anchoredAt(LocalDate.of(2019, 3, 14));

    private static NmeaDate yy(int day, int month, int yy) {
        return new NmeaDate(yy, month, day, 2);
    }

    private static LocalDate resolved(ResolvedDate r) {
        return assertInstanceOf(ResolvedDate.Resolved.class, r).date();
    }

    @Test
    void twoDigitYearsGetTheCenturyNearTheAnchor() {
        assertEquals(LocalDate.of(2019, 4, 12), resolved(at2019.resolve(yy(12, 4, 19))));
        assertEquals(LocalDate.of(2038, 4, 12), resolved(at2019.resolve(yy(12, 4, 38))));
        // 68 becomes 2068 (window 1969-2068), which is more than 1024 weeks after the anchor
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2019.resolve(yy(12, 4, 68)));
    }

    @Test
    void theApril2019WeekRolloverDateMovesForward1024Weeks() {
        ResolvedDate r = at2019.resolve(yy(22, 8, 99));
        assertEquals(LocalDate.of(2019, 4, 7), resolved(r));
        assertEquals(1, ((ResolvedDate.Resolved) r).rolloverEras());
        assertEquals(LocalDate.of(2019, 4, 7), resolved(at2019.resolve(new NmeaDate(1999, 8, 22, 4))));
    }

    @Test
    void aDateRolledOverTwiceMovesTwoEras() {
        DateResolver at2039 = DateResolver.anchoredAt(LocalDate.of(2039, 1, 1));
        // 1999-08-22 + 2048 weeks = 2038-11-21; within the slack of the anchor
        assertEquals(LocalDate.of(2038, 11, 21), resolved(at2039.resolve(new NmeaDate(1999, 8, 22, 4))));
    }

    @Test
    void coldStartDefaultsAreRefusedOutright() {
        DateResolver at2000 = DateResolver.anchoredAt(LocalDate.of(2000, 6, 1));
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2019.resolve(yy(6, 1, 80)));
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2019.resolve(yy(5, 1, 80)));
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2019.resolve(yy(1, 1, 0)));
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2000.resolve(new NmeaDate(2000, 1, 1, 4)));
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2019.resolve(new NmeaDate(1980, 1, 6, 4)));
        assertTrue(((ResolvedDate.Unresolvable) at2019.resolve(yy(6, 1, 80))).reason().contains("cold-start"));
    }

    @Test
    void aDateShortlyBeforeTheAnchorIsTakenAsPrinted() {
        assertEquals(LocalDate.of(2018, 6, 1), resolved(at2019.resolve(yy(1, 6, 18))));
    }

    @Test
    void anOldDateWhoseShiftLandsBeyondTheHorizonIsUnresolvable() {
        // tn204: 2002-10-26 against 2005-03-18; +1024 weeks = 2022, more than 10 years after the anchor
        DateResolver at2005 = DateResolver.anchoredAt(LocalDate.of(2005, 3, 18));
        var u = assertInstanceOf(ResolvedDate.Unresolvable.class, at2005.resolve(yy(26, 10, 2)));
        assertTrue(u.reason().contains("2022-06-11"), u.reason());
    }

    @Test
    void aDateMoreThan1024WeeksAheadIsUnresolvable() {
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2019.resolve(new NmeaDate(2208, 1, 1, 4)));
        assertEquals(LocalDate.of(2030, 1, 1), resolved(at2019.resolve(new NmeaDate(2030, 1, 1, 4))));
    }

    @Test
    void february29OfAYearThatIsNotLeapIsUnresolvable() {
        // yy=00 is leap in 2000 but the anchor 2160 makes it 2100, which is not
        DateResolver at2160 = DateResolver.anchoredAt(LocalDate.of(2160, 1, 1));
        assertInstanceOf(ResolvedDate.Unresolvable.class, at2160.resolve(yy(29, 2, 0)));
    }
}
