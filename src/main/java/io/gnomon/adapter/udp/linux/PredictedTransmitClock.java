package io.gnomon.adapter.udp.linux;

import io.gnomon.ntp.TransmitClock;
import java.lang.foreign.MemorySegment;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;

/**
 * The transmit clock a receive loop hands the responder: when read, CLOCK_REALTIME now plus the predicted
 * wait until the reply being written leaves (set by the loop before each call), in served UTC. Or, in the
 * batch-start mode kept for comparison, one fixed reading for the whole batch. One per loop thread, reused.
 */
final class PredictedTransmitClock implements TransmitClock {
    private final ServedClock served;
    private final MemorySegment timespec;
    private boolean fixed;
    private long value;

    PredictedTransmitClock(ServedClock served, MemorySegment timespec) {
        this.served = served;
        this.timespec = timespec;
    }

    /** The next reading is the clock plus {@code delayNanos}. */
    void departAfter(long delayNanos) {
        fixed = false;
        value = delayNanos;
    }

    /** The next reading is {@code realtimeNanos}, whatever the clock says. */
    void departAt(long realtimeNanos) {
        fixed = true;
        value = realtimeNanos;
    }

    @Override
    public UtcTime now() {
        return new UtcTime(nowUtcNanos());
    }

    @Override
    public long nowUtcNanos() {
        long t = fixed ? value : Libc.realtimeNanos(timespec) + value;
        return served.fromRealtimeNanos(t);
    }
}
