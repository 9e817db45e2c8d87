package io.gnomon.gps;

import io.gnomon.nmea.NmeaDate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The one place where receiver dates become true dates: century of two-digit years, GPS week-number rollover
 * (WNRO), and cold-start default dates, all judged against an anchor date that is known to be in the past (the
 * build date on an appliance, the capture's date in tests). NTPsec anchors its GPS-week unfolding on its build
 * date in the same way (NTPsec merge request 461, "uses ntpcal_get_build_date() to adjust GPS week number").
 *
 * <p>The rule, in order:
 * <ol>
 * <li>Cold-start defaults are refused outright: 1980-01-05/06 (the GPS epoch, printed before any almanac; MTK
 *     receivers print 1980-01-05 23:59:46) and 2000-01-01. A real fix on those days is decades before any anchor.</li>
 * <li>A two-digit year gets the century that puts it within [anchor year − 50, anchor year + 49].</li>
 * <li>A date no more than {@code maxBeforeAnchor} before the anchor, and at most 1024 weeks after it, is taken as
 *     printed. The slack exists because the anchor is only known to be near the present (a capture is submitted
 *     after it is recorded; a build date comes from a build machine's clock); a WNRO error is 19.6 years, far
 *     larger than the slack, so it is still caught.</li>
 * <li>An earlier date is a WNRO victim: it is moved forward by the fewest whole 1024-week eras (7168 days) that
 *     bring it to or after anchor − slack; 1999-08-22 becomes 2019-04-07. The result is accepted only when it is
 *     at most {@code maxAheadAfterShift} after the anchor — otherwise the date is older than the anchor for some
 *     other reason (a receiver with a stale clock, a capture older than its label) and no shift can be trusted.</li>
 * <li>Anything else is {@link ResolvedDate.Unresolvable}: no epoch is asserted with it.</li>
 * </ol>
 * The cost of the anchor: an appliance that runs more than {@code maxAheadAfterShift} past its build date without
 * a rebuild refuses WNRO-shifted dates rather than guess; a rolled-over date is only recognised while it is older
 * than anchor − slack, i.e. until 1024 weeks − slack (about 18.6 years) after the anchor.
 */
public final class DateResolver {

    public static final long DAYS_PER_GPS_ERA = 1024L * 7;

    /** Default slack before the anchor: one year. */
    public static final int DEFAULT_DAYS_BEFORE_ANCHOR = 366;
    /** Default horizon for shifted dates: ten years after the anchor. */
    public static final int DEFAULT_YEARS_AHEAD_AFTER_SHIFT = 10;

    private final LocalDate anchor;
    private final int maxDaysBeforeAnchor;
    private final int maxYearsAheadAfterShift;

    public DateResolver(LocalDate anchor, int maxDaysBeforeAnchor, int maxYearsAheadAfterShift) {
        this.anchor = Objects.requireNonNull(anchor);
        if (maxDaysBeforeAnchor < 0 || maxDaysBeforeAnchor >= DAYS_PER_GPS_ERA / 2 || maxYearsAheadAfterShift < 0) {
            throw new IllegalArgumentException("slack must be in [0, half a GPS era), horizon >= 0");
        }
        this.maxDaysBeforeAnchor = maxDaysBeforeAnchor;
        this.maxYearsAheadAfterShift = maxYearsAheadAfterShift;
    }

    public static DateResolver anchoredAt(LocalDate anchor) {
        return new DateResolver(anchor, DEFAULT_DAYS_BEFORE_ANCHOR, DEFAULT_YEARS_AHEAD_AFTER_SHIFT);
    }

    public LocalDate anchor() {
        return anchor;
    }

    public ResolvedDate resolve(NmeaDate printed) {
        if (isColdStartDefault(printed)) {
            return new ResolvedDate.Unresolvable("receiver date " + printed + " is a cold-start default, not a fix");
        }
        int year = printed.year();
        if (printed.yearDigits() == 2) {
            int low = anchor.getYear() - 50;
            year = low + Math.floorMod(printed.year() - low, 100);
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, printed.month(), printed.day());
        } catch (DateTimeException e) {
            return new ResolvedDate.Unresolvable("receiver date " + printed + " is not a calendar date in " + year);
        }
        LocalDate earliest = anchor.minusDays(maxDaysBeforeAnchor);
        if (!date.isBefore(earliest)) {
            if (date.isAfter(anchor.plusDays(DAYS_PER_GPS_ERA))) {
                return new ResolvedDate.Unresolvable("receiver date " + date + " is more than 1024 weeks after the anchor "
                        + anchor);
            }
            return new ResolvedDate.Resolved(date, 0, "");
        }
        long deficit = ChronoUnit.DAYS.between(date, earliest);
        int eras = (int) ((deficit + DAYS_PER_GPS_ERA - 1) / DAYS_PER_GPS_ERA);
        LocalDate shifted = date.plusDays(eras * DAYS_PER_GPS_ERA);
        if (shifted.isAfter(anchor.plusYears(maxYearsAheadAfterShift))) {
            return new ResolvedDate.Unresolvable("receiver date " + date + " is before the anchor " + anchor
                    + " and +" + eras + "x1024 weeks (" + shifted + ") is more than " + maxYearsAheadAfterShift
                    + " years after it");
        }
        return new ResolvedDate.Resolved(shifted, eras,
                "receiver date " + date + " moved +" + eras + "x1024 weeks (GPS week rollover)");
    }

    private static boolean isColdStartDefault(NmeaDate d) {
        boolean year1980 = d.yearDigits() == 2 ? d.year() == 80 : d.year() == 1980;
        boolean year2000 = d.yearDigits() == 2 ? d.year() == 0 : d.year() == 2000;
        return year1980 && d.month() == 1 && (d.day() == 5 || d.day() == 6)
                || year2000 && d.month() == 1 && d.day() == 1;
    }
}
