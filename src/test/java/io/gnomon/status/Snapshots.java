package io.gnomon.status;

import java.util.List;
import java.util.Map;

/** Snapshots for tests. */
public final class Snapshots {
    private Snapshots() {}

    public static StatusSnapshot ppsLocked() {
        return new StatusSnapshot("1.2.3", "2026-11-25T12:00:00Z", 11_600,
                new StatusSnapshot.Lock("PPS locked", "PPS edges labelled by NMEA for 3h12m", true, 11_520),
                new StatusSnapshot.Clock("PPS", 1, -42e-9, 310e-9, 12.345, 0.1234, 2e-6),
                new StatusSnapshot.Receiver("/dev/ttyAMA0", "open", "3D", 14, 9, List.of(
                        new StatusSnapshot.Satellite("GPS", 5, 41.0, true),
                        new StatusSnapshot.Satellite("GLONASS", 70, Double.NaN, false)), 0.3),
                new StatusSnapshot.Pps("/dev/pps0", "pulsing", 11_519),
                new StatusSnapshot.Leap("none", "2027-06-28", "GPS week anchored at 2026-11-25"),
                new StatusSnapshot.NtpServer(1000, 990, 3, Map.of("TOO_SHORT", 7L, "RATE_LIMITED", 0L), 4,
                        600, 0.01625),
                null);
    }

    public static StatusSnapshot withState(StatusSnapshot s, String state, String reason, long requests,
                                    Map<String, Long> dropped) {
        return new StatusSnapshot(s.version(), s.generatedAt(), s.uptimeSeconds(),
                new StatusSnapshot.Lock(state, reason, s.lock().serving(), 0), s.clock(), s.receiver(), s.pps(),
                s.leap(), new StatusSnapshot.NtpServer(requests, s.ntp().replies(), s.ntp().kissOfDeathSent(), dropped,
                s.ntp().clientsSeen(), s.ntp().clientsWindowSeconds(), s.ntp().clientsRelativeError()), s.drill());
    }
}
