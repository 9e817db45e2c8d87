package io.gnomon.status;

import io.gnomon.gps.Epoch;
import io.gnomon.gps.FixStatus;
import io.gnomon.gps.SatelliteSignal;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Maps the reference clock's own status value ({@link ReferenceStatus}: lock state with its reason, offset,
 * jitter, frequency, NMEA delay) and the advertised snapshot onto the status snapshot every surface shows.
 * Receiver details (satellites with SNR, fix) come from the receiver's latest epoch.
 */
public final class ReferenceStatusMapping {
    private ReferenceStatusMapping() {}

    /**
     * What the status page says about the devices: names, the receiver's latest epoch (empty: none yet), and the
     * latest sky it reported (receivers send GSV only every few cycles: a cycle without it keeps the last one).
     */
    public record Devices(String receiverDevice, String receiverState, Optional<Epoch> epoch, List<SatelliteSignal> sky,
                   String ppsDevice) {
        public static Devices simulated(Optional<Epoch> epoch, List<SatelliteSignal> sky) {
            return new Devices("simulated receiver", "simulated serial line (real NMEA bytes)", epoch, sky,
                    "simulated PPS");
        }
    }

    /**
     * After this long without a receiver cycle the status shows no fix and no satellites: the reference clock's
     * device timeout ({@code ReferenceConfig.defaults}), after which it counts the receiver as gone too.
     */
    public static final double RECEIVER_QUIET_SECONDS = 5;

    /**
     * The receiver as the status page shows it: fix and satellites from its latest epoch, or none once that is
     * older than {@link #RECEIVER_QUIET_SECONDS} (the age is shown either way).
     */
    public static StatusSnapshot.Receiver receiver(Devices d, MonotonicTime now) {
        if (d.epoch().isEmpty()) {
            return new StatusSnapshot.Receiver(d.receiverDevice(), d.receiverState(), null, 0, 0, List.of(), Double.NaN);
        }
        Epoch e = d.epoch().get();
        double age = Math.max(0, now.nanosSince(e.firstByteArrival())) * 1e-9;
        if (age > RECEIVER_QUIET_SECONDS) {
            return new StatusSnapshot.Receiver(d.receiverDevice(), d.receiverState(), null, 0, 0, List.of(), age);
        }
        FixStatus f = e.fix();
        List<StatusSnapshot.Satellite> sats = d.sky().stream()
                .map(s -> new StatusSnapshot.Satellite(s.constellation(), s.prn(), s.snr() < 0 ? Double.NaN : s.snr(),
                        s.used()))
                .toList();
        String quality = !f.reported() ? null : !f.valid() ? "no fix"
                : f.gsaFixType() == 3 ? "3D" : f.gsaFixType() == 2 ? "2D" : "fix";
        return new StatusSnapshot.Receiver(d.receiverDevice(), d.receiverState(), quality, sats.size(),
                Math.max(0, f.satellitesUsed()), sats, age);
    }

    public static StatusSnapshot of(BuildInfo build, long startSecond, long nowSecond, ReferenceStatus r, MonotonicTime now,
                             ReferenceSnapshot advertised, LeapSecondTable leaps, ServerCounters.Snapshot counters) {
        return of(build, startSecond, nowSecond, r, now, advertised, leaps, counters, RecentClients.Count.NOT_COUNTED,
                Devices.simulated(Optional.empty(), List.of()));
    }

    public static StatusSnapshot of(BuildInfo build, long startSecond, long nowSecond, ReferenceStatus r, MonotonicTime now,
                             ReferenceSnapshot advertised, LeapSecondTable leaps, ServerCounters.Snapshot counters,
                             RecentClients.Count clients, Devices devices) {
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
                receiver(devices, now),
                new StatusSnapshot.Pps(devices.ppsDevice(), r.labelledEdges() > 0 ? "pulsing" : "no labelled edge yet",
                        r.labelledEdges()),
                new StatusSnapshot.Leap(SimulationStatus.leapWord(advertised), expires,
                        SimulationStatus.rollover(build.buildDate()),
                        r.leapSecondsExpired() || leaps != null && leaps.isExpiredAt(UtcTime.ofEpochSecond(nowSecond))),
                SimulationStatus.ntp(counters, clients),
                null); // no drill: the caller adds a running one (withDrill)
    }
}
