package io.gnomon.refclock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.gps.EpochTime;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.leap.LeapSecondTables;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.pps.PpsEdge;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lock state machine on hand-made input: host clocks exact, edges with 1 µs noise. */
class ReferenceClockTest {
    private static final long NS = 1_000_000_000L;
    private static final UtcTime T0 = UtcTime.of(Instant.parse("2026-03-01T00:00:00Z"));
    private static final long MONO0 = 1000 * NS;
    private final LeapSecondTable leaps = LeapSecondTables.shipped();
    private final SplittableRandom random = new SplittableRandom(5);
    private final List<StateChange> changes = new ArrayList<>();
    private long seq;

    private ReferenceClock clock(double holdoverLimit) {
        LabellerConfig l = LabellerConfig.defaults(UtcTime.of(Instant.parse("2026-01-01T00:00:00Z")));
        return new ReferenceClock(ReferenceConfig.defaults(l).withHoldoverLimit(holdoverLimit), leaps,
                () -> T0.epochNanos() - MONO0, Optional.empty());
    }

    private static MonotonicTime at(long second, long nanos) {
        return new MonotonicTime(MONO0 + second * NS + nanos);
    }

    private void second(ReferenceClock c, long s, boolean pps, boolean nmea, boolean fix) {
        if (pps) {
            long stamp = T0.epochNanos() + s * NS + Math.round(random.nextGaussian() * 1000);
            changes.addAll(c.onEdge(new PpsEdge(++seq, new RealtimeTime(stamp)), at(s, 1000)));
        }
        if (nmea) {
            EpochTime e = fix ? new EpochTime.Asserted(T0.plusNanos(s * NS), false, at(s, 300_000_000L))
                    : new EpochTime.Refused("no fix", at(s, 300_000_000L));
            changes.addAll(c.onEpoch(e, at(s, 400_000_000L)));
        }
        changes.addAll(c.onTick(at(s, 700_000_000L)));
    }

    @Test
    void fromNoDeviceToPpsLockedToHoldoverToUnsynchronised() {
        ReferenceClock c = clock(50e-6);
        second(c, 0, false, false, false);
        assertEquals(LockState.NO_DEVICE, c.status().state());
        assertFalse(c.current().synchronised());
        for (long s = 1; s < 4; s++) {
            second(c, s, true, true, false);
        }
        assertEquals(LockState.NO_FIX, c.status().state());
        assertEquals("receiver: no fix", c.status().reason());
        for (long s = 4; s < 20; s++) {
            second(c, s, true, true, true);
        }
        ReferenceSnapshot locked = c.current();
        assertEquals(LockState.PPS_LOCKED, c.status().state());
        assertTrue(locked.synchronised());
        assertEquals(1, locked.stratum());
        assertEquals("PPS", locked.refId());
        assertEquals(LeapIndicator.NO_WARNING, locked.leap());
        assertTrue(locked.rootDispersionSeconds() < 20e-6, locked.toString());
        long s = 20;
        while (c.status().state() != LockState.UNSYNCHRONISED && s < 5000) {
            second(c, s++, false, false, false);
        }
        List<LockState> path = changes.stream().map(StateChange::to).toList();
        assertEquals(List.of(LockState.NO_FIX, LockState.TIME_UNVERIFIED, LockState.PPS_LOCKED, LockState.HOLDOVER,
                LockState.UNSYNCHRONISED), path.subList(path.indexOf(LockState.NO_FIX), path.size()), changes.toString());
        assertFalse(c.current().synchronised());
        assertEquals(LeapIndicator.UNSYNCHRONISED, c.current().leap());
        assertTrue(changes.getLast().logLine().startsWith("holdover → unsynchronised: error bound"), changes.getLast().logLine());
    }

    @Test
    void withoutPpsButWithSentencesItServesNmeaOnlyAndSaysSo() {
        ReferenceClock c = clock(20e-6);
        for (long s = 0; s < 40; s++) {
            second(c, s, true, true, true);
        }
        assertEquals(LockState.PPS_LOCKED, c.status().state());
        for (long s = 40; s < 1500; s++) {
            second(c, s, false, true, true);
        }
        assertEquals(LockState.NMEA_ONLY, c.status().state(), changes.toString());
        assertTrue(c.status().reason().contains("millisecond"), c.status().reason());
        ReferenceSnapshot snap = c.current();
        assertTrue(snap.synchronised());
        assertEquals("GPS", snap.refId());
        assertTrue(snap.rootDispersionSeconds() >= 1e-3 && snap.rootDispersionSeconds() < 50e-3, snap.toString());
        // the served estimate still maps host time to true time within the bound
        var e = c.servingEstimate().orElseThrow();
        RealtimeTime host = new RealtimeTime(T0.epochNanos() + 1499 * NS + NS / 2);
        long err = leaps.toUtc(e.trueTimeAt(host)).nanosSince(T0.plusNanos(1499 * NS + NS / 2));
        assertTrue(Math.abs(err) <= snap.rootDispersionSeconds() * 1e9, err + " vs " + snap);
    }

    @Test
    void leapIndicatorIsAnnouncedOnTheDayOfALeapSecond() {
        LabellerConfig l = LabellerConfig.defaults(UtcTime.of(Instant.parse("2016-01-01T00:00:00Z")));
        UtcTime day = UtcTime.of(Instant.parse("2016-12-31T10:00:00Z"));
        ReferenceClock c = new ReferenceClock(ReferenceConfig.defaults(l), leaps, () -> day.epochNanos() - MONO0, Optional.empty());
        for (long s = 0; s < 20; s++) {
            c.onEdge(new PpsEdge(s, new RealtimeTime(day.epochNanos() + s * NS)), at(s, 1000));
            c.onEpoch(new EpochTime.Asserted(day.plusNanos(s * NS), false, at(s, 200_000_000L)), at(s, 300_000_000L));
        }
        assertEquals(LockState.PPS_LOCKED, c.status().state());
        assertEquals(LeapIndicator.INSERT_SECOND, c.current().leap());
        assertFalse(c.status().leapSecondsExpired());
    }

    @Test
    void anExpiredLeapSecondTableIsReported() {
        ReferenceClock c = clock(10e-3); // 2026-03-01: the shipped table expires 2026-06-28
        for (long s = 0; s < 10; s++) {
            second(c, s, true, true, true);
        }
        assertFalse(c.status().leapSecondsExpired());
        UtcTime later = UtcTime.of(Instant.parse("2026-07-01T00:00:00Z"));
        ReferenceClock d = new ReferenceClock(ReferenceConfig.defaults(LabellerConfig.defaults(T0)), leaps,
                () -> later.epochNanos() - MONO0, Optional.empty());
        for (long s = 0; s < 10; s++) {
            d.onEdge(new PpsEdge(s, new RealtimeTime(later.epochNanos() + s * NS)), at(s, 1000));
            d.onEpoch(new EpochTime.Asserted(later.plusNanos(s * NS), false, at(s, 200_000_000L)), at(s, 300_000_000L));
        }
        assertEquals(LockState.PPS_LOCKED, d.status().state());
        assertTrue(d.status().leapSecondsExpired());
        assertEquals(UtcTime.of(Instant.parse("2026-06-28T00:00:00Z")), d.status().leapSecondsExpire().orElseThrow());
    }

    /** The host clock runs {@code ahead} ns ahead of UTC: its edges are stamped that much late, its realtime reads so. */
    private ReferenceClock offsetHost(long ahead) {
        LabellerConfig l = LabellerConfig.defaults(UtcTime.of(Instant.parse("2026-01-01T00:00:00Z")));
        return new ReferenceClock(ReferenceConfig.defaults(l).withHoldoverLimit(5e-3), leaps,
                () -> T0.epochNanos() + ahead - MONO0, Optional.empty());
    }

    @Test
    void statusOffsetIsHostMinusUtcWhileLockedAndInHoldoverNeverTaiMinusUtc() {
        long ahead = 3_000_000; // the host clock reads 3 ms ahead of UTC
        ReferenceClock c = offsetHost(ahead);
        long s = 0;
        for (; s < 20; s++) {
            long stamp = T0.epochNanos() + s * NS + ahead + Math.round(random.nextGaussian() * 1000);
            c.onEdge(new PpsEdge(++seq, new RealtimeTime(stamp)), at(s, 1000));
            c.onEpoch(new EpochTime.Asserted(T0.plusNanos(s * NS), false, at(s, 300_000_000L)), at(s, 400_000_000L));
            c.onTick(at(s, 700_000_000L));
        }
        assertEquals(LockState.PPS_LOCKED, c.status().state());
        assertEquals(ahead, c.status().offsetNanos(), 20_000, c.status().toString());
        while (c.status().state() != LockState.HOLDOVER && s < 100) {
            c.onTick(at(s++, 700_000_000L));
        }
        for (int i = 0; i < 30; i++) {
            c.onTick(at(s++, 700_000_000L));
        }
        assertEquals(LockState.HOLDOVER, c.status().state());
        assertEquals(ahead, c.status().offsetNanos(), 20_000, c.status().toString());
    }
}
