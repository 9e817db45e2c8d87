package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nmea.NmeaChecksum;
import io.gnomon.nmea.NmeaSentence;
import io.gnomon.time.MonotonicTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * "Used in fix" per satellite: the GSV satellites of a cycle joined with the PRNs its GSA sentences list, per
 * constellation. The corpus tests read the expected flags from the raw sentence text of each cycle, independently of
 * the decoders.
 */
class UsedSatellitesTest {

    private static List<Epoch> decode(String... bodies) {
        List<Epoch> epochs = new ArrayList<>();
        GpsReceiver r = GpsReceiver.standard(java.time.LocalDate.of(2019, 4, 1), new ReceiverListener() {
            @Override
            public void epoch(Epoch e) {
                epochs.add(e);
            }
        });
        StringBuilder text = new StringBuilder();
        for (String b : bodies) {
            text.append(NmeaChecksum.sentence(b)).append("\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        r.accept(bytes, 0, bytes.length, new MonotonicTime(0));
        r.endOfInput();
        return epochs;
    }

    private static Set<String> usedOf(Epoch e) {
        Set<String> out = new HashSet<>();
        e.satellites().stream().filter(SatelliteSignal::used).forEach(s -> out.add(s.constellation() + " " + s.prn()));
        return out;
    }

    @Test
    void nmea410SystemIdsKeepGpsAndGalileoWithTheSameNumberApart() {
        Epoch e = decode("GNRMC,120000.00,A,4500.0,S,17030.0,E,0.0,,120419,,,A,V",
                "GNGSA,A,3,07,12,,,,,,,,,,,1.0,0.6,0.8,1", // GPS 7 and 12
                "GNGSA,A,3,12,,,,,,,,,,,,1.0,0.6,0.8,3", // Galileo 12
                "GPGSV,1,1,03,07,40,100,40,12,30,200,35,13,20,300,30,1",
                "GAGSV,1,1,02,07,50,050,38,12,60,150,41,7").getFirst();
        assertEquals(Set.of("GPS 7", "GPS 12", "Galileo 12"), usedOf(e));
    }

    @Test
    void aGnGsaWithoutSystemIdUsesNmea40Numbering() {
        Epoch e = decode("GNRMC,120000.00,A,4500.0,S,17030.0,E,0.0,,120419,,,A",
                "GNGSA,A,3,02,04,,,,,,,,,,,1.4,0.8,1.1", // 1–64: GPS
                "GNGSA,A,3,70,,,,,,,,,,,,1.4,0.8,1.1", // 65–96: GLONASS
                "GPGSV,1,1,02,02,25,260,39,04,15,092,27",
                "GLGSV,1,1,02,70,38,115,43,71,,,27",
                "QZGSV,1,1,01,02,05,042,29").getFirst(); // QZSS 2 is not GPS 2
        assertEquals(Set.of("GPS 2", "GPS 4", "GLONASS 70"), usedOf(e));
    }

    @Test
    void aCycleWithoutGsaMarksNothingUsed() {
        Epoch e = decode("GPRMC,120000.00,A,4500.0,S,17030.0,E,0.0,,120419,,",
                "GPGSV,1,1,02,02,25,260,39,04,15,092,27").getFirst();
        assertEquals(2, e.satellites().size());
        assertEquals(Set.of(), usedOf(e));
    }

    /** NMEA talker of a constellation, as the raw text names it (BD/GB and QZ/GQ are the same system). */
    private static final Map<String, String> SAME = Map.of("BD", "GB", "QZ", "GQ");
    private static final Map<String, String> SYSTEM_ID_TALKER = Map.of("1", "GP", "2", "GL", "3", "GA", "4", "GB",
            "5", "GQ", "6", "GI");

    private static String canonical(String talker) {
        return SAME.getOrDefault(talker, talker);
    }

    /** What the raw GSA lines of one cycle say is used: "TALKER PRN", talker "*" for any system. */
    private static Set<String> usedByText(List<String> gsas) {
        Set<String> used = new HashSet<>();
        for (String line : gsas) {
            String[] f = line.substring(1, line.indexOf('*')).split(",", -1);
            String talker = canonical(f[0].substring(0, 2));
            String system = f.length > 18 ? SYSTEM_ID_TALKER.get(f[18]) : null;
            for (int i = 3; i <= 14 && i < f.length; i++) {
                if (f[i].isEmpty()) {
                    continue;
                }
                int prn = Integer.parseInt(f[i]);
                String owner = system != null ? system : !talker.equals("GN") ? talker
                        : prn <= 64 ? "GP" : prn <= 96 ? "GL" : "*";
                used.add(owner + " " + prn);
            }
        }
        return used;
    }

    /** "TALKER PRN" of each satellite in the raw GSV lines of one cycle, in order. */
    private static List<String> inViewByText(List<String> gsvs) {
        List<String> out = new ArrayList<>();
        for (String line : gsvs) {
            String[] f = line.substring(1, line.indexOf('*')).split(",", -1);
            int end = (f.length - 4) % 4 == 1 ? f.length - 1 : f.length; // 4.10 signal id last
            for (int i = 4; i + 3 < end; i += 4) {
                if (!f[i].isEmpty()) {
                    out.add(canonical(f[0].substring(0, 2)) + " " + Integer.parseInt(f[i]));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ublox-zed-f9p-nmea", "ublox-f9p-hpnmea", "ublox-lea-5h", "mt3339", "mtk-3329",
            "quectelLC79D-1", "sirfstarv-nmea", "bundg_zeus_9"})
    void corpusCyclesMarkExactlyTheSatellitesTheirGsaLists(String name) {
        CorpusCapture capture = new CorpusCapture(name, CorpusCapture.corpusDir());
        List<String> gsas = new ArrayList<>();
        List<String> gsvs = new ArrayList<>();
        int[] checked = {0, 0}; // cycles with GSA and GSV, satellites marked used
        GpsReceiver r = GpsReceiver.standard(capture.dateHint(), new ReceiverListener() {
            @Override
            public void sentence(NmeaSentence s) {
                String text = s.source().text();
                if (s instanceof NmeaSentence.Gsa) {
                    gsas.add(text);
                } else if (s instanceof NmeaSentence.Gsv) {
                    gsvs.add(text);
                }
            }

            @Override
            public void epoch(Epoch e) {
                // GSA and GSV carry no time: the ones heard since the last epoch belong to this cycle
                Set<String> used = usedByText(gsas);
                List<String> view = inViewByText(gsvs);
                assertEquals(view.size(), e.satellites().size(), name + " " + e.isoTime());
                for (int i = 0; i < view.size(); i++) {
                    String sat = view.get(i);
                    String prn = sat.substring(3);
                    boolean expected = used.contains(sat) || used.contains("* " + prn)
                            || (sat.startsWith("GN") && used.stream().anyMatch(u -> u.endsWith(" " + prn)));
                    assertEquals(expected, e.satellites().get(i).used(), name + " " + e.isoTime() + " " + sat
                            + " with GSA " + gsas);
                    checked[1] += expected ? 1 : 0;
                }
                if (!gsas.isEmpty() && !gsvs.isEmpty()) {
                    checked[0]++;
                }
                gsas.clear();
                gsvs.clear();
            }
        });
        byte[] b = capture.bytes();
        r.accept(b, 0, b.length, new MonotonicTime(0));
        r.endOfInput();
        assertTrue(checked[0] > 0 && checked[1] > 0, name + ": cycles with GSA and GSV " + checked[0]
                + ", satellites used " + checked[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ublox-lea-5h", "mt3339"})
    void singleSystemReceiversUseAsManySatellitesAsTheirGgaSays(String name) {
        List<Epoch> epochs = new CorpusCapture(name, CorpusCapture.corpusDir()).decode();
        int compared = 0;
        for (Epoch e : epochs) {
            if (!e.satellites().isEmpty() && e.fix().satellitesUsed() > 0 && e.sentences().contains("GPGSA")) {
                assertEquals(e.fix().satellitesUsed(), e.satellites().stream().filter(SatelliteSignal::used).count(),
                        name + " " + e.isoTime());
                compared++;
            }
        }
        assertTrue(compared > 0, name);
    }
}
