package io.gnomon.time;

/** Source of host CLOCK_REALTIME readings; injected so the core can run on simulated time. */
@FunctionalInterface
public interface RealtimeClock {
    RealtimeTime now();
}
