package io.gnomon.refclock;

/**
 * How the host's two clocks relate right now: CLOCK_REALTIME − CLOCK_MONOTONIC, in nanoseconds. The adapter
 * measures it by reading both clocks back to back; a simulation knows it exactly.
 */
@FunctionalInterface
public interface HostDomains {
    long realtimeMinusMonotonicNanos();
}
