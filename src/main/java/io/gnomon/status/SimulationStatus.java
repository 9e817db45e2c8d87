package io.gnomon.status;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.status.StatusSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps what {@code gnomon simulate} has today — the host-following simulated reference and the NTP server's
 * counters — onto the status snapshot. When the reference-clock pipeline drives simulate, a sibling mapping from
 * its status value replaces {@link #lock} and {@link #clock}; the rest stays.
 */
public final class SimulationStatus {
    private SimulationStatus() {}

    public static StatusSnapshot of(BuildInfo build, long startSecond, long nowSecond, ReferenceSnapshot reference,
                             ServerCounters.Snapshot counters, RecentClients.Count clients) {
        return new StatusSnapshot(
                build.version(),
                Instant.ofEpochSecond(nowSecond).toString(),
                nowSecond - startSecond,
                lock(reference, nowSecond - startSecond),
                clock(reference),
                new StatusSnapshot.Receiver(null, "simulated: no receiver", null, 0, 0, List.of(), Double.NaN),
                new StatusSnapshot.Pps(null, "simulated: no PPS input", 0),
                new StatusSnapshot.Leap(leapWord(reference), null, rollover(build.buildDate())),
                ntp(counters, clients),
                null); // no drill: the caller adds a running one (withDrill)
    }

    static StatusSnapshot.Lock lock(ReferenceSnapshot reference, long secondsInState) {
        if (!reference.synchronised()) {
            return new StatusSnapshot.Lock("unsynchronised",
                    "started with --unsynchronised: replies carry leap indicator 3", false, secondsInState);
        }
        return new StatusSnapshot.Lock("simulated",
                "simulated reference following the host clock (no GPS or PPS devices)", true, secondsInState);
    }

    /** The simulated reference is the host clock, so its offset from it is zero by construction. */
    static StatusSnapshot.Clock clock(ReferenceSnapshot reference) {
        if (!reference.synchronised()) {
            return new StatusSnapshot.Clock(reference.refId(), 16, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    reference.rootDispersionSeconds());
        }
        return new StatusSnapshot.Clock(reference.refId(), reference.stratum(), 0.0, 0.0, 0.0, Double.NaN,
                reference.rootDispersionSeconds());
    }

    static String leapWord(ReferenceSnapshot reference) {
        if (!reference.synchronised()) {
            return "unsynchronised";
        }
        return switch (reference.leap()) {
            case NO_WARNING -> "none";
            case INSERT_SECOND -> "insert";
            case DELETE_SECOND -> "delete";
            case UNSYNCHRONISED -> "unsynchronised";
        };
    }

    static String rollover(LocalDate buildDate) {
        return "GPS week and two-digit years resolved after the build date " + buildDate;
    }

    static StatusSnapshot.NtpServer ntp(ServerCounters.Snapshot c, RecentClients.Count clients) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            dropped.put(r.name(), c.dropped(r));
        }
        return new StatusSnapshot.NtpServer(c.requests(), c.replies(), c.kissOfDeathSent(), dropped, clients.clients(),
                clients.windowSeconds(), clients.relativeStandardError());
    }

}
