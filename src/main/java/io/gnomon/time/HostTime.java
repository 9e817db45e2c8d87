package io.gnomon.time;

/** A timestamp taken by the host, in one of the host's clock domains. */
public sealed interface HostTime permits MonotonicTime, RealtimeTime {
}
