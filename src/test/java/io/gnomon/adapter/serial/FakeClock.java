package io.gnomon.adapter.serial;

import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic clock that moves only when told to. */
final class FakeClock implements MonotonicClock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Override
    public MonotonicTime now() {
        return new MonotonicTime(nanos.get());
    }

    void advanceNanos(long delta) {
        nanos.addAndGet(delta);
    }
}
