package io.gnomon.adapter.serial;

import java.time.Duration;

/** Waits between retries; injected so the retry logic runs without real time in tests. */
@FunctionalInterface
public interface Pause {
    void sleep(Duration d) throws InterruptedException;

    Pause REAL = d -> Thread.sleep(d);
}
