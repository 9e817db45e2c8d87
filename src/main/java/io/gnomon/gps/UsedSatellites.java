package io.gnomon.gps;

import io.gnomon.nmea.NmeaSentence;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which satellites of a cycle's GSV the fix used, from the same cycle's GSA sentences (one per constellation on
 * multi-GNSS receivers). A GSA's satellites belong to the constellation of its NMEA 4.10+ system id; without one,
 * to its talker's (GP, GL, GA, GB/BD, GQ/QZ, GI); a GN GSA without system id uses NMEA 4.0's numbering, unique
 * across systems (1–64 GPS and SBAS, which GSV carries under GP; 65–96 GLONASS), and beyond that matches by
 * number alone. A GSV satellite under the GN talker (no constellation known) matches by number alone.
 */
final class UsedSatellites {
    private static final String ANY = "";

    private final Set<String> used = new HashSet<>();
    private final Set<Integer> numbers = new HashSet<>();

    private UsedSatellites() {
    }

    static UsedSatellites of(List<NmeaSentence.Gsa> gsas) {
        UsedSatellites u = new UsedSatellites();
        for (NmeaSentence.Gsa g : gsas) {
            String system = Constellations.ofSystemId(g.systemId());
            String talker = g.address().talker();
            for (int prn : g.satellites()) {
                String constellation = system != null ? system
                        : !talker.equals("GN") ? Constellations.ofTalker(talker)
                        : prn >= 1 && prn <= 64 ? "GPS" : prn >= 65 && prn <= 96 ? "GLONASS" : ANY;
                u.used.add(key(constellation, prn));
                u.numbers.add(prn);
            }
        }
        return u;
    }

    /** Whether the fix used satellite {@code prn} of {@code constellation} (as {@link Constellations#ofTalker} names it). */
    boolean contains(String constellation, int prn) {
        if (constellation.equals(Constellations.UNKNOWN)) {
            return numbers.contains(prn);
        }
        return used.contains(key(constellation, prn)) || used.contains(key(ANY, prn));
    }

    private static String key(String constellation, int prn) {
        return constellation + ":" + prn;
    }
}
