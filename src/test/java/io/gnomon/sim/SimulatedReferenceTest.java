package io.gnomon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedReferenceTest {
    private final AtomicLong nanos = new AtomicLong(1_800_000_000_250_000_000L);
    private final ServedClock clock = new ServedClock() {
        @Override
        public UtcTime now() {
            return new UtcTime(nanos.get());
        }

        @Override
        public UtcTime fromRealtime(RealtimeTime hostTime) {
            return new UtcTime(hostTime.epochNanos());
        }
    };

    @Test
    void synchronisedStratumOneSimWithTheReferenceTimeAtTheStartOfTheCurrentSecond() {
        ReferenceSnapshot s = new SimulatedReference(clock, true, LeapIndicator.NO_WARNING).current();
        assertTrue(s.synchronised());
        assertEquals(1, s.stratum());
        assertEquals("SIM", s.refId());
        assertEquals(UtcTime.ofEpochSecond(1_800_000_000L), s.referenceTime());
        assertEquals(0.0, s.rootDelaySeconds());
        assertTrue(s.rootDispersionSeconds() > 0 && s.rootDispersionSeconds() <= 1e-4, "small: " + s);
        assertEquals(LeapIndicator.NO_WARNING, s.leap());
    }

    @Test
    void theReferenceTimeMovesOnEachSecondAndNotWithin() {
        SimulatedReference ref = new SimulatedReference(clock, true, LeapIndicator.NO_WARNING);
        ReferenceSnapshot first = ref.current();
        nanos.addAndGet(700_000_000L); // still second ...000
        assertSame(first, ref.current());
        nanos.addAndGet(100_000_000L); // ...001.05
        assertEquals(UtcTime.ofEpochSecond(1_800_000_001L), ref.current().referenceTime());
        nanos.addAndGet(3_000_000_000L);
        assertEquals(UtcTime.ofEpochSecond(1_800_000_004L), ref.current().referenceTime());
    }

    @Test
    void announcesTheRequestedLeap() {
        assertEquals(LeapIndicator.INSERT_SECOND,
                new SimulatedReference(clock, true, LeapIndicator.INSERT_SECOND).current().leap());
        assertEquals(LeapIndicator.DELETE_SECOND,
                new SimulatedReference(clock, true, LeapIndicator.DELETE_SECOND).current().leap());
        assertTrue(new SimulatedReference(clock, true, LeapIndicator.INSERT_SECOND).describe().contains("insertion"));
    }

    @Test
    void unsynchronisedSaysSoWhateverTheLeapOption() {
        SimulatedReference ref = new SimulatedReference(clock, false, LeapIndicator.INSERT_SECOND);
        ReferenceSnapshot s = ref.current();
        assertFalse(s.synchronised());
        assertEquals(LeapIndicator.UNSYNCHRONISED, s.leap());
        nanos.addAndGet(5_000_000_000L);
        assertFalse(ref.current().synchronised());
        assertTrue(ref.describe().contains("NOT synchronised"), ref.describe());
    }

    @Test
    void leapIndicatorThreeIsNotAnOption() {
        assertThrows(IllegalArgumentException.class,
                () -> new SimulatedReference(clock, true, LeapIndicator.UNSYNCHRONISED));
    }
}
