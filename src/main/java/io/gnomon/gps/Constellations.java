package io.gnomon.gps;

import io.gnomon.nmea.NmeaSentence;
import java.util.ArrayList;
import java.util.List;

/**
 * Satellites in view from GSV, constellation from the talker, each marked used when the cycle's GSA lists it
 * ({@link UsedSatellites}, which also reads the NMEA 4.10+ GSA system id).
 */
final class Constellations {

    /** What a GN (multi-system) talker says about a satellite's constellation. */
    static final String UNKNOWN = "GNSS";

    private Constellations() {
    }

    static String ofTalker(String talker) {
        return switch (talker) {
            case "GP" -> "GPS";
            case "GL" -> "GLONASS";
            case "GA" -> "Galileo";
            case "GB", "BD" -> "BeiDou";
            case "GQ", "QZ" -> "QZSS";
            case "GI", "IN" -> "NavIC";
            default -> UNKNOWN;
        };
    }

    /** NMEA 4.10/4.11 GNSS system id (GSA, GRS, GBS): 1 GPS, 2 GLONASS, 3 Galileo, 4 BeiDou, 5 QZSS, 6 NavIC; else null. */
    static String ofSystemId(int id) {
        return switch (id) {
            case 1 -> "GPS";
            case 2 -> "GLONASS";
            case 3 -> "Galileo";
            case 4 -> "BeiDou";
            case 5 -> "QZSS";
            case 6 -> "NavIC";
            default -> null;
        };
    }

    static List<SatelliteSignal> inView(Cycle c) {
        List<SatelliteSignal> out = new ArrayList<>();
        UsedSatellites used = UsedSatellites.of(c.all(NmeaSentence.Gsa.class));
        for (NmeaSentence.Gsv g : c.all(NmeaSentence.Gsv.class)) {
            String constellation = ofTalker(g.address().talker());
            for (NmeaSentence.SatelliteView v : g.satellites()) {
                out.add(new SatelliteSignal(constellation, v.prn(), g.signalId(), v.elevation(), v.azimuth(), v.snr(),
                        used.contains(constellation, v.prn())));
            }
        }
        return List.copyOf(out);
    }
}
