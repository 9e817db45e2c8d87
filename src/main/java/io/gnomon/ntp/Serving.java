package io.gnomon.ntp;

/**
 * What the server answers from at one moment: the reference snapshot and the served clock's conversion of host
 * time, as one value (the timekeeper publishes it; {@link ServingSource#of} builds it from today's two parts).
 * The server core reads it once per request and uses it for every field of that reply.
 */
public interface Serving {

    /** Stratum, leap, reference id and time, root delay and dispersion to serve. */
    ReferenceSnapshot reference();

    /** Served UTC epoch nanoseconds at a host CLOCK_REALTIME reading (a receive or departure timestamp). */
    long servedUtcNanos(long realtimeNanos);
}
