package io.gnomon.adapter.udp.linux;

import io.gnomon.ntp.TransmitClock;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;

/**
 * The transmit clock a receive loop hands the responder: one CLOCK_REALTIME reading set by the loop for the
 * batch (read after the receive, before any departure), in served UTC. In the predicted mode the loop writes
 * each reply's transmit timestamp again right before its send call ({@code ReceiveLoop.flush}), so this value
 * is provisional; in the batch-start mode kept for comparison it stays. One per loop thread, reused.
 */
final class PredictedTransmitClock implements TransmitClock {
    private final ServedClock served;
    private long realtimeNanos;

    PredictedTransmitClock(ServedClock served) {
        this.served = served;
    }

    /** The next reading is {@code realtimeNanos}, whatever the clock says. */
    void departAt(long realtimeNanos) {
        this.realtimeNanos = realtimeNanos;
    }

    @Override
    public UtcTime now() {
        return new UtcTime(nowUtcNanos());
    }

    @Override
    public long nowUtcNanos() {
        return served.fromRealtimeNanos(realtimeNanos);
    }
}
