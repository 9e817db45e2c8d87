package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.gps.Epoch;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.gps.SatelliteSignal;
import io.gnomon.nmea.NmeaChecksum;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.status.ReferenceStatusMapping;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The receiver part of the status: used flags from the epoch, and nothing shown as current once it went quiet. */
class ReceiverStatusTest {
    private static final long S = 1_000_000_000L;

    /** One receiver cycle whose first byte arrived at {@code arrival}. */
    private static Epoch cycleAt(long arrival) {
        List<Epoch> epochs = new ArrayList<>();
        GpsReceiver r = GpsReceiver.standard(java.time.LocalDate.of(2026, 11, 1), epochs::add);
        String text = NmeaChecksum.sentence("GPRMC,120000.00,A,4500.0,S,17030.0,E,0.0,,251126,,,A") + "\r\n"
                + NmeaChecksum.sentence("GPGGA,120000.00,4500.0,S,17030.0,E,1,02,0.9,10.0,M,0.0,M,,") + "\r\n"
                + NmeaChecksum.sentence("GPGSA,A,3,04,09,,,,,,,,,,,2.5,1.3,2.1") + "\r\n"
                + NmeaChecksum.sentence("GPGSV,1,1,03,04,61,234,42,05,23,067,,09,44,279,40") + "\r\n";
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        r.accept(b, 0, b.length, new MonotonicTime(arrival));
        r.endOfInput();
        return epochs.getFirst();
    }

    private static StatusSnapshot.Receiver at(Epoch e, long now) {
        List<SatelliteSignal> sky = e.satellites();
        return ReferenceStatusMapping.receiver(new ReferenceStatusMapping.Devices("/dev/ttyS0", "open", Optional.of(e),
                sky, null), new MonotonicTime(now));
    }

    @Test
    void aFreshCycleShowsItsSatellitesWithTheUsedOnesMarked() {
        StatusSnapshot.Receiver r = at(cycleAt(100 * S), 101 * S);
        assertEquals(3, r.satellitesInView());
        assertEquals(2, r.satellitesUsed());
        assertEquals(List.of(true, false, true), r.satellites().stream().map(StatusSnapshot.Satellite::used).toList());
        assertEquals("3D", r.fixQuality());
        assertEquals(1.0, r.secondsSinceLastCycle(), 1e-9);
    }

    @Test
    void pastTheDeviceTimeoutTheLastSkyIsNoLongerShownButItsAgeIs() {
        Epoch e = cycleAt(100 * S);
        assertEquals(3, at(e, 105 * S).satellitesInView(), "at the timeout itself: still shown");
        StatusSnapshot.Receiver quiet = at(e, 105 * S + 1);
        assertEquals(List.of(), quiet.satellites());
        assertEquals(0, quiet.satellitesInView());
        assertEquals(0, quiet.satellitesUsed());
        assertNull(quiet.fixQuality());
        assertEquals(5.0, quiet.secondsSinceLastCycle(), 1e-6);
        assertEquals("/dev/ttyS0", quiet.device());
        assertTrue(Double.isNaN(ReferenceStatusMapping.receiver(new ReferenceStatusMapping.Devices("/dev/ttyS0",
                "missing", Optional.empty(), List.of(), null), new MonotonicTime(0)).secondsSinceLastCycle()));
    }

    @Test
    void theQuietTimeIsTheReferenceClocksDeviceTimeout() {
        ReferenceConfig c = ReferenceConfig.defaults(LabellerConfig.defaults(UtcTime.ofEpochSecond(0)));
        assertEquals(c.deviceTimeoutSeconds(), ReferenceStatusMapping.RECEIVER_QUIET_SECONDS);
    }
}
