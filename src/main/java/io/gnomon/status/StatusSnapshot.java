package io.gnomon.status;

import java.util.List;
import java.util.Map;

/**
 * Everything an operator can see about the appliance at one moment, published at least once a second. Immutable;
 * every surface (status.json, /metrics, the dashboard, {@code gnomon status}) renders this one value.
 * A number that is not known is NaN (JSON null); a text that is not known is {@code null}.
 *
 * @param version       the Gnomon version (BuildInfo)
 * @param generatedAt   when this snapshot was taken, ISO-8601 UTC
 * @param uptimeSeconds seconds since the process started
 * @param drill         the fault drill running now, or null (every surface shows it while it runs)
 */
public record StatusSnapshot(
        String version,
        String generatedAt,
        long uptimeSeconds,
        Lock lock,
        Clock clock,
        Receiver receiver,
        Pps pps,
        Leap leap,
        NtpServer ntp,
        Drill drill) {

    /** This snapshot with {@code d} as the running drill (null: none). */
    public StatusSnapshot withDrill(Drill d) {
        return new StatusSnapshot(version, generatedAt, uptimeSeconds, lock, clock, receiver, pps, leap, ntp, d);
    }

    /**
     * A fault drill injecting faults at the adapter boundary right now.
     *
     * @param name           the drill's name ("pps-loss")
     * @param step           what is injected now, in words
     * @param stepNumber     1-based index of the current step
     * @param steps          how many steps the drill has
     * @param secondsRunning seconds since the drill started
     */
    public record Drill(String name, String step, int stepNumber, int steps, long secondsRunning) {
    }

    /**
     * The lock state in the reference-clock state machine's own words ("PPS locked", "holdover", …).
     *
     * @param serving        whether NTP replies vouch for the time now (stratum 1, leap indicator ≠ 3)
     * @param secondsInState how long it has been in this state
     */
    public record Lock(String state, String reason, boolean serving, long secondsInState) {
    }

    /**
     * The reference clock's estimate of the host clock.
     *
     * @param refId                 what NTP replies carry as reference id ("PPS", "GPS", "SIM")
     * @param stratum               what NTP replies carry (16 when not serving)
     * @param offsetSeconds         host clock − true time, per the model
     * @param jitterSeconds         rms scatter of PPS edges around the model
     * @param frequencyPpm          the host clock's frequency error, parts per million
     * @param nmeaDelaySeconds      median delay of the NMEA burst after the PPS edge
     * @param rootDispersionSeconds the advertised bound on the served time's error
     */
    public record Clock(String refId, int stratum, double offsetSeconds, double jitterSeconds, double frequencyPpm,
                        double nmeaDelaySeconds, double rootDispersionSeconds) {
    }

    /**
     * The GNSS receiver.
     *
     * @param device     the serial device, or null when none is configured (simulation)
     * @param state      the serial link state in words ("open", "missing", …)
     * @param fixQuality "no fix", "2D", "3D", …, or null when unknown
     * @param satellites every satellite in view, in the receiver's order; empty once the receiver has been quiet
     *                   for longer than the device timeout (its last list is not shown as if current)
     * @param secondsSinceLastCycle age of the receiver's latest cycle (NaN: none yet, or no receiver)
     */
    public record Receiver(String device, String state, String fixQuality, int satellitesInView, int satellitesUsed,
                           List<Satellite> satellites, double secondsSinceLastCycle) {
        public Receiver {
            satellites = List.copyOf(satellites);
        }
    }

    /**
     * One satellite in view.
     *
     * @param constellation "GPS", "GLONASS", "Galileo", "BeiDou", "QZSS", "SBAS", …
     * @param id            the satellite number as the receiver reports it (PRN for GPS)
     * @param snrDbHz       carrier-to-noise density, dB-Hz; NaN when not tracked
     * @param used          whether the receiver uses it in the fix
     */
    public record Satellite(String constellation, int id, double snrDbHz, boolean used) {
    }

    /**
     * The PPS input.
     *
     * @param device the PPS source (/dev/pps0, gpiochip0:18, "simulated"), or null when none is configured
     * @param state  in words ("pulsing", "silent", "missing", …)
     * @param edges  PPS edges seen so far
     */
    public record Pps(String device, String state, long edges) {
    }

    /**
     * Leap seconds and rollover.
     *
     * @param indicator         what NTP replies announce: "none", "insert", "delete" or "unsynchronised"
     * @param leapFileExpires   when the leap-second file stops being authoritative (ISO date), null if none loaded
     * @param rollover          the GPS week-rollover / century anchor in words
     * @param leapFileExpired   the file has expired: leap seconds after its expiry are unknown (update tzdata)
     */
    public record Leap(String indicator, String leapFileExpires, String rollover, boolean leapFileExpired) {
        public Leap(String indicator, String leapFileExpires, String rollover) {
            this(indicator, leapFileExpires, rollover, false);
        }
    }

    /**
     * The NTP server's counters since start.
     *
     * @param dropped              by reason name (every reason, zeros included)
     * @param clientsSeen          distinct clients (IPv4 addresses, IPv6 /64 prefixes) seen in the last
     *                             {@code clientsWindowSeconds} plus the current minute, estimated; -1 when not counted
     * @param clientsWindowSeconds the window of {@code clientsSeen} (0 when not counted)
     * @param clientsRelativeError relative standard error of {@code clientsSeen} (NaN when not counted)
     * @param rateLimiter          the per-client rate limiter's table (fixed size); capacity 0 when limiting is off
     */
    /**
     * Occupancy of the rate limiter's table: memory is fixed at start, so {@code entries ≤ capacity} always.
     *
     * @param entries  clients tracked now (summed over receive threads)
     * @param capacity clients the tables can hold; 0 when rate limiting is off
     */
    public record RateLimiterTable(long entries, long capacity) {
        public static final RateLimiterTable NONE = new RateLimiterTable(0, 0);
    }

    /** The same snapshot with the NTP server's rate limiter table filled in. */
    public StatusSnapshot withRateLimiter(RateLimiterTable table) {
        return new StatusSnapshot(version, generatedAt, uptimeSeconds, lock, clock, receiver, pps, leap,
                ntp.withRateLimiter(table), drill);
    }

    public record NtpServer(long requests, long replies, long kissOfDeathSent, Map<String, Long> dropped,
                            long clientsSeen, long clientsWindowSeconds, double clientsRelativeError,
                            RateLimiterTable rateLimiter) {
        public NtpServer {
            dropped = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dropped));
            rateLimiter = rateLimiter == null ? RateLimiterTable.NONE : rateLimiter; // older JSON has none
        }

        /** Without a rate limiter table (limiting off, or a surface that does not know it). */
        public NtpServer(long requests, long replies, long kissOfDeathSent, Map<String, Long> dropped,
                         long clientsSeen, long clientsWindowSeconds, double clientsRelativeError) {
            this(requests, replies, kissOfDeathSent, dropped, clientsSeen, clientsWindowSeconds, clientsRelativeError,
                    RateLimiterTable.NONE);
        }

        /** The same counters with the rate limiter table's occupancy. */
        public NtpServer withRateLimiter(RateLimiterTable table) {
            return new NtpServer(requests, replies, kissOfDeathSent, dropped, clientsSeen, clientsWindowSeconds,
                    clientsRelativeError, table);
        }

        public long totalDropped() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
