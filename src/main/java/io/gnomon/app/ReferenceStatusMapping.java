package io.gnomon.app;

import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.time.MonotonicTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Maps the reference clock's own status value ({@link ReferenceStatus}: lock state with its reason, offset,
 * jitter, frequency, NMEA delay) and the advertised snapshot onto the status snapshot every surface shows.
 * Receiver details (satellites, fix) are not in ReferenceStatus yet: they stay empty here.
 */
final class ReferenceStatusMapping {
    private ReferenceStatusMapping() {}

    static StatusSnapshot of(BuildInfo build, long startSecond, long nowSecond, ReferenceStatus r, MonotonicTime now,
                             ReferenceSnapshot advertised, LeapSecondTable leaps, ServerCounters.Snapshot counters) {
        long inState = Math.max(0, (now.nanos() - r.since().nanos()) / 1_000_000_000L);
        StatusSnapshot.Lock lock = new StatusSnapshot.Lock(r.state().words(), r.reason(), r.state().serving(), inState);
        StatusSnapshot.Clock clock = new StatusSnapshot.Clock(advertised.refId(),
                advertised.synchronised() ? advertised.stratum() : 16,
                r.offsetNanos() * 1e-9, r.jitterNanos() * 1e-9, r.frequencyPpm(),
                r.nmeaDelayNanos() < 0 ? Double.NaN : r.nmeaDelayNanos() * 1e-9,
                advertised.rootDispersionSeconds());
        String expires = leaps == null ? null : leaps.expires()
                .map(t -> t.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse(null);
        return new StatusSnapshot(
                build.version(),
                Instant.ofEpochSecond(nowSecond).toString(),
                nowSecond - startSecond,
                lock,
                clock,
                new StatusSnapshot.Receiver("simulated receiver", "simulated serial line (real NMEA bytes)", null, 0, 0,
                        List.of()),
                new StatusSnapshot.Pps("simulated PPS", r.labelledEdges() > 0 ? "pulsing" : "no labelled edge yet",
                        r.labelledEdges()),
                new StatusSnapshot.Leap(SimulationStatus.leapWord(advertised), expires,
                        SimulationStatus.rollover(build.buildDate())),
                SimulationStatus.ntp(counters));
    }
}
