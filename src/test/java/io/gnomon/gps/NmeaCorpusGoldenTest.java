package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-receiver capture of the corpus (gpsd's regression logs and a SignalK sample): our valid epochs must
 * equal gpsd's `.seconds` oracle except for the disagreements listed, with a justification, in NAME.disagreements.
 * An unlisted difference fails, and so does a listed one that no longer occurs. The overall agreement is written
 * to target/nmea-golden/agreement.txt (quoted in docs/NMEA.md).
 */
class NmeaCorpusGoldenTest {

    private static final Map<String, int[]> AGREEMENT = new TreeMap<>(); // name -> {oracle, agreed, ours}

    static Stream<String> captures() {
        return CorpusCapture.all().stream().map(CorpusCapture::name);
    }

    @Test
    void theCorpusHasEveryCaptureWithItsLicences() {
        assertEquals(49, CorpusCapture.all().size());
        Path dir = CorpusCapture.corpusDir();
        assertTrue(Files.exists(dir.resolve("COPYING")));
        assertTrue(Files.exists(dir.resolve("LICENSE.signalk-Apache-2.0")));
        assertTrue(Files.exists(dir.resolve("README.md")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void epochsMatchTheOracleOrAListedDisagreement(String name) {
        CorpusCapture capture = new CorpusCapture(name, CorpusCapture.corpusDir());
        List<String> ours = capture.decode().stream().filter(Epoch::valid).map(Epoch::isoTime).toList();
        List<String> oracle = capture.oracleSeconds();

        Map<String, Integer> diff = new HashMap<>();
        oracle.forEach(t -> diff.merge(t, 1, Integer::sum));
        ours.forEach(t -> diff.merge(t, -1, Integer::sum));
        Map<String, Integer> actual = new TreeMap<>();
        diff.forEach((t, n) -> {
            if (n > 0) {
                actual.put("oracle-only " + t, n);
            } else if (n < 0) {
                actual.put("ours-only " + t, -n);
            }
        });
        int oracleOnly = actual.entrySet().stream().filter(e -> e.getKey().startsWith("oracle-only"))
                .mapToInt(Map.Entry::getValue).sum();
        synchronized (AGREEMENT) {
            AGREEMENT.put(name, new int[] {oracle.size(), oracle.size() - oracleOnly, ours.size()});
        }

        Map<String, List<String>> listed = capture.listedDisagreements();
        List<String> problems = new ArrayList<>();
        actual.forEach((key, n) -> {
            int l = listed.getOrDefault(key, List.of()).size();
            if (l < n) {
                problems.add("unlisted: " + key + (n - l > 1 ? " (x" + (n - l) + ")" : ""));
            }
        });
        listed.forEach((key, why) -> {
            int n = actual.getOrDefault(key, 0);
            if (why.size() > n) {
                problems.add("listed but no longer occurs: " + key);
            }
        });
        if (!problems.isEmpty()) {
            fail(name + " (hint " + capture.dateHint() + "):\n  " + String.join("\n  ", problems));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void noEpochIsEverBefore2000(String name) {
        // The week-rollover and cold-start captures (april6_2019, mtk-3301) print 1999 and 1980 dates.
        CorpusCapture capture = new CorpusCapture(name, CorpusCapture.corpusDir());
        for (Epoch e : capture.decode()) {
            e.time().ifPresent(t -> assertFalse(t.toInstant().toString().startsWith("19")
                    || t.toInstant().toString().startsWith("2000-01-01"), name + " asserted " + e.isoTime()));
        }
    }

    @Test
    void april6RolloverCaptureGivesTheTrueDate() {
        List<String> ours = new CorpusCapture("april6_2019", CorpusCapture.corpusDir()).decode().stream()
                .filter(Epoch::valid).map(Epoch::isoTime).toList();
        assertEquals(List.of("2019-04-07T00:02:31.420Z"), ours);
    }

    @Test
    void mtk3301ColdStartDefaultDateIsNeverAsserted() {
        List<Epoch> epochs = new CorpusCapture("mtk-3301", CorpusCapture.corpusDir()).decode();
        assertTrue(epochs.stream().filter(Epoch::valid).allMatch(e -> e.isoTime().startsWith("2008-08-23")));
        // its cold-start cycles print 1980-01-05 23:59:46..50 with RMC status V: each is a refused epoch
        assertEquals(5, epochs.stream().filter(e -> !e.valid() && e.timeOfDay().isPresent()
                && e.timeOfDay().get().hour() == 23).count());
    }

    @Test
    void noRealTextSentenceIsOverTheLengthCap() {
        for (CorpusCapture c : CorpusCapture.all()) {
            if (List.of("ac12_binary", "ublox-zed-f9r", "ublox-zed-f9t-ubx_nmea_l5").contains(c.name())) {
                continue; // binary frames between the sentences make their own rejects
            }
            GpsReceiver r = GpsReceiver.standard(c.dateHint(), e -> { });
            byte[] b = c.bytes();
            r.accept(b, 0, b.length, new io.gnomon.time.MonotonicTime(0));
            r.endOfInput();
            assertEquals(0, r.framingCounters().rejects(io.gnomon.nmea.FramingRejectReason.TOO_LONG), c.name());
            assertTrue(r.framingCounters().verifiedSentences() > 0, c.name());
        }
    }

    @AfterAll
    static void writeAgreement() throws IOException {
        int oracle = 0;
        int agreed = 0;
        int ours = 0;
        StringBuilder sb = new StringBuilder();
        for (var e : AGREEMENT.entrySet()) {
            int[] v = e.getValue();
            oracle += v[0];
            agreed += v[1];
            ours += v[2];
            sb.append(String.format("%-28s oracle %4d  agreed %4d  ours %4d%n", e.getKey(), v[0], v[1], v[2]));
        }
        sb.append(String.format("TOTAL oracle %d agreed %d (%.1f%%) ours %d in %d captures%n", oracle, agreed,
                oracle == 0 ? 0 : 100.0 * agreed / oracle, ours, AGREEMENT.size()));
        Path out = Path.of("target", "nmea-golden");
        Files.createDirectories(out);
        Files.writeString(out.resolve("agreement.txt"), sb);
    }
}
