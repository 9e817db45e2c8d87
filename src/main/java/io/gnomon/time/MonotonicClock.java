package io.gnomon.time;

/** Source of CLOCK_MONOTONIC readings; injected so the core can run on simulated time. */
@FunctionalInterface
public interface MonotonicClock {
    MonotonicTime now();
}
