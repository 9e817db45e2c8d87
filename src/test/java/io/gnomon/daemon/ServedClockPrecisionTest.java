package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.HostServedClock;
import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.time.RealtimeTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServedClockPrecisionTest {

    @Test
    void aClockTickingInMicrosecondsMeasuresTwoToTheMinusNineteen() {
        AtomicLong reads = new AtomicLong();
        // each read costs a tenth of a tick; the clock shows 1 µs steps
        HostServedClock clock = new HostServedClock(() -> new RealtimeTime(reads.incrementAndGet() / 10 * 1000));
        assertEquals(-19, ServedClockPrecision.measure(clock));
    }

    @Test
    void aFrozenClockGetsTheResponderDefault() {
        HostServedClock frozen = new HostServedClock(() -> new RealtimeTime(42));
        assertEquals(NtpResponder.DEFAULT_PRECISION_LOG2, ServedClockPrecision.measure(frozen));
    }

    @Test
    void theHostClockMeasuresSomewhereSensible() {
        int p = ServedClockPrecision.measure(new HostServedClock(SystemClocks.REALTIME));
        assertTrue(p <= -6 && p >= -30, "precision 2^" + p);
    }
}
