package io.gnomon.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class UtcTimeTest {

    @Property
    void instantRoundTrip(@ForAll @LongRange(min = -9_000_000_000_000_000_000L, max = 9_000_000_000_000_000_000L) long nanos) {
        UtcTime t = new UtcTime(nanos);
        assertEquals(t, UtcTime.of(t.toInstant()));
    }

    @Property
    void epochSecondFloorsTowardsMinusInfinity(@ForAll long nanos) {
        UtcTime t = new UtcTime(nanos);
        assertEquals(Math.floorDiv(nanos, 1_000_000_000L), t.epochSecond());
        assertEquals(Instant.ofEpochSecond(0, nanos).getEpochSecond(), t.epochSecond());
    }
}
