package io.gnomon.gps;

import io.gnomon.nmea.NmeaSentence;
import java.util.ArrayList;
import java.util.List;

/** Satellites in view from GSV: constellation from the talker, or from the NMEA 4.1 GSA/GSV system id for GN. */
final class Constellations {

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
            default -> "GNSS";
        };
    }

    static List<SatelliteSignal> inView(Cycle c) {
        List<SatelliteSignal> out = new ArrayList<>();
        for (NmeaSentence.Gsv g : c.all(NmeaSentence.Gsv.class)) {
            String constellation = ofTalker(g.address().talker());
            for (NmeaSentence.SatelliteView v : g.satellites()) {
                out.add(new SatelliteSignal(constellation, v.prn(), g.signalId(), v.elevation(), v.azimuth(), v.snr()));
            }
        }
        return List.copyOf(out);
    }
}
