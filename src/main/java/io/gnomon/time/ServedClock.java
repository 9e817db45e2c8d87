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

    /**
     * As {@link #fromRealtime}, in plain nanoseconds (CLOCK_REALTIME in, served UTC epoch nanoseconds out), for
     * a packet path that must not allocate per datagram. The default converts through the value types; a
     * clock that can do it without them overrides this.
     */
    default long fromRealtimeNanos(long realtimeNanos) {
        return fromRealtime(new RealtimeTime(realtimeNanos)).epochNanos();
    }
}
