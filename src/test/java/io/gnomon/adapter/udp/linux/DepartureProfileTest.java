package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DepartureProfileTest {

    @Test
    void unobservedPositionsExtrapolateFromTheLastObservedOne() {
        DepartureProfile p = new DepartureProfile(64);
        assertEquals(-1, p.offsetNanos(3, 1000));
        p.observe(0, 2_000);
        assertTrue(p.calibrated(0));
        assertFalse(p.calibrated(1));
        assertEquals(2_000, p.offsetNanos(0, 1000));
        assertEquals(5_000, p.offsetNanos(3, 1000));
    }

    @Test
    void tracksALowEnvelopeSoPredictionsAreRarelyLate() {
        DepartureProfile p = new DepartureProfile(8);
        Random r = new Random(1);
        for (int i = 0; i < 5_000; i++) {
            p.observe(4, 10_000 + (long) (r.nextDouble() * 4_000)); // uniform 10-14 µs
        }
        long q = p.offsetNanos(4, 0);
        assertTrue(q >= 10_000 && q <= 11_500, "low envelope near the fast end: " + q);
    }

    @Test
    void oneDescheduledSampleMovesItOnlyALittle() {
        DepartureProfile p = new DepartureProfile(8);
        for (int i = 0; i < 100; i++) {
            p.observe(2, 5_000);
        }
        p.observe(2, 1_005_000); // one millisecond late
        assertTrue(p.offsetNanos(2, 0) < 15_100, "" + p.offsetNanos(2, 0));
    }

    @Test
    void outOfRangeAndNegativeObservationsAreIgnored() {
        DepartureProfile p = new DepartureProfile(4);
        p.observe(4, 100);
        p.observe(-1, 100);
        p.observe(1, -5);
        assertFalse(p.calibrated(1));
        assertEquals(-1, p.offsetNanos(3, 1000));
    }
}
