package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.UtcTime;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class NtpTimestampTest {

    static final UtcTime ERA_1_START = UtcTime.of(Instant.parse("2036-02-07T06:28:16Z"));
    /** 2^31 s either side of the era boundary: the window a pivot at the boundary resolves. */
    static final long HALF_ERA_NANOS = (1L << 31) * 1_000_000_000L;
    static final long MIN_NANOS = -HALF_ERA_NANOS;           // relative to ERA_1_START: 1968-01-20T03:14:08Z
    static final long MAX_NANOS = HALF_ERA_NANOS - 1;        // 2104-02-26T09:42:23.999999999Z

    @Test
    void knownValues() {
        assertEquals(0L, NtpTimestamp.bitsOf(UtcTime.of(Instant.parse("1900-01-01T00:00:00Z"))));
        assertEquals(NtpTimestamp.SECONDS_1900_TO_1970 << 32, NtpTimestamp.bitsOf(new UtcTime(0)));
        assertEquals(0L, NtpTimestamp.bitsOf(ERA_1_START), "era 1 starts at wire value 0");
        assertEquals(0xFFFF_FFFF_8000_0000L, NtpTimestamp.bitsOf(ERA_1_START.plusNanos(-500_000_000)));
        assertEquals(1L << 31, NtpTimestamp.of(new UtcTime(500_000_000)).fraction());
    }

    @Test
    void nanosecondRoundingIsToNearestFractionAndBack() {
        // 1 ns = 4.294967296 fraction units → 4; 999 999 999 ns → 4 294 967 291.7 → 4 294 967 292
        assertEquals(4, NtpTimestamp.of(new UtcTime(1)).fraction());
        assertEquals(4_294_967_292L, NtpTimestamp.of(new UtcTime(999_999_999)).fraction());
        // fraction 2^32−1 is 999 999 999.77 ns: rounds up into the next whole second
        UtcTime t = NtpTimestamp.of(0xFFFF_FFFFL, 0xFFFF_FFFFL).toUtc(ERA_1_START);
        assertEquals(ERA_1_START, t);
        // fraction 2 = 0.4657 ns → 0 ns; fraction 3 = 0.6985 ns → 1 ns
        assertEquals(ERA_1_START, NtpTimestamp.of(0, 2).toUtc(ERA_1_START));
        assertEquals(ERA_1_START.plusNanos(1), NtpTimestamp.of(0, 3).toUtc(ERA_1_START));
    }

    @Test
    void pivotChoosesTheEraNearestIt() {
        NtpTimestamp lastOfEra0 = NtpTimestamp.of(0xFFFF_FFFFL, 0);
        NtpTimestamp firstOfEra1 = NtpTimestamp.of(0, 0);

        assertEquals(ERA_1_START.plusNanos(-1_000_000_000), lastOfEra0.toUtc(ERA_1_START));
        assertEquals(ERA_1_START, firstOfEra1.toUtc(ERA_1_START.plusNanos(-1)));
        assertEquals(UtcTime.of(Instant.parse("1900-01-01T00:00:00Z")),
                firstOfEra1.toUtc(UtcTime.of(Instant.parse("1930-01-01T00:00:00Z"))));
        assertEquals(ERA_1_START, firstOfEra1.toUtc(new UtcTime(0)), "1970 is 66 years from 2036, 70 from 1900");
        assertEquals(UtcTime.of(Instant.parse("2172-03-15T12:56:32Z")), firstOfEra1.toUtc(
                UtcTime.of(Instant.parse("2200-01-01T00:00:00Z"))), "start of era 2");
    }

    @Test
    void outsideUtcTimeRangeThrows() {
        UtcTime nearEnd = UtcTime.of(Instant.parse("2262-01-01T00:00:00Z"));
        long wayAfter = NtpTimestamp.bitsOf(nearEnd) + (1L << 62); // ~ +34 years in era seconds
        assertThrows(ArithmeticException.class, () -> NtpTimestamp.toUtc(wayAfter, nearEnd));
    }

    @Property
    void utcToNtpToUtcIsExactWithin68YearsOfThePivot(
            @ForAll @LongRange(min = MIN_NANOS, max = MAX_NANOS) long fromBoundary) {
        UtcTime t = ERA_1_START.plusNanos(fromBoundary);
        assertEquals(t, NtpTimestamp.of(t).toUtc(ERA_1_START));
    }

    @Property
    void roundTripWithAnyPivotWithinHalfAnEra(
            @ForAll @LongRange(min = -7_000_000_000_000_000_000L, max = 7_000_000_000_000_000_000L) long nanos,
            @ForAll @LongRange(min = -(1L << 31) + 1, max = (1L << 31) - 1) long pivotOffsetSeconds) {
        UtcTime t = new UtcTime(nanos);
        UtcTime pivot = t.plusNanos(pivotOffsetSeconds * 1_000_000_000L);
        assertEquals(t, NtpTimestamp.of(t).toUtc(pivot));
    }

    @Property
    void ntpToUtcToNtpIsWithinTwoFractionSteps(@ForAll long bits) {
        UtcTime t = NtpTimestamp.toUtc(bits, ERA_1_START);
        long again = NtpTimestamp.bitsOf(t);
        long steps = Math.abs(again - bits); // seconds·2^32 + fraction, wrapping: carries and the era wrap count right
        assertTrue(steps <= 2, () -> Long.toHexString(bits) + " → " + t);
    }

    @Property
    void endsOfTheWindowAroundThe2036Boundary(@ForAll @LongRange(min = 0, max = 1_000_000_000) long nanos) {
        UtcTime start1968 = UtcTime.of(Instant.parse("1968-01-20T03:14:08Z")).plusNanos(nanos);
        UtcTime end2104 = UtcTime.of(Instant.parse("2104-02-26T09:42:23Z")).plusNanos(nanos % 1_000_000_000);
        assertEquals(start1968, NtpTimestamp.of(start1968).toUtc(ERA_1_START));
        assertEquals(end2104, NtpTimestamp.of(end2104).toUtc(ERA_1_START));
        assertEquals(1L << 31, NtpTimestamp.of(start1968).eraSeconds() - (nanos == 1_000_000_000 ? 1 : 0));
    }
}
