package io.gnomon.time;

/**
 * The time Gnomon serves to NTP clients: host time corrected by the reference-clock model
 * (or the host clock itself when the kernel is disciplined).
 */
public interface ServedClock {
    /** The served UTC time now. */
    UtcTime now();

    /** The served UTC time at a moment the host kernel stamped in CLOCK_REALTIME (packet receive, PPS edge). */
    UtcTime fromRealtime(RealtimeTime hostTime);
}
