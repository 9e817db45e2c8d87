package io.gnomon.gps;

import io.gnomon.nmea.FramerConfig;
import io.gnomon.time.MonotonicTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One capture of src/test/resources/nmea/corpus: its bytes, date hint, oracle seconds, listed disagreements. */
record CorpusCapture(String name, Path dir) {

    static Path corpusDir() {
        try {
            return Paths.get(CorpusCapture.class.getResource("/nmea/corpus/COPYING").toURI()).getParent();
        } catch (Exception e) {
            throw new IllegalStateException("test resources missing: /nmea/corpus", e);
        }
    }

    static List<CorpusCapture> all() {
        Path dir = corpusDir();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted()
                    .map(n -> new CorpusCapture(n.substring(0, n.length() - 4), dir)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return read(name + ".log");
    }

    List<String> oracleSeconds() {
        return lines(name + ".seconds");
    }

    /**
     * The `# Date:` of the .meta, read leniently the way gpsd's headers are written ("2019-3-14", "2022-11-23T",
     * "2025-07-32" = 1 August). Captures without one take their hint from date-hints.tsv.
     */
    LocalDate dateHint() {
        Matcher m = Pattern.compile("(?m)^# Date: *(\\d{4})-(\\d{1,2})-(\\d{1,2})").matcher(
                new String(read(name + ".meta"), StandardCharsets.UTF_8));
        if (m.find()) {
            return LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).plusMonths(Integer.parseInt(m.group(2)) - 1)
                    .plusDays(Integer.parseInt(m.group(3)) - 1);
        }
        for (String line : lines("date-hints.tsv")) {
            String[] f = line.split("\t");
            if (f[0].equals(name)) {
                return LocalDate.parse(f[1]);
            }
        }
        throw new IllegalStateException(name + ": no # Date: in .meta and no line in date-hints.tsv");
    }

    /** Listed disagreements: key "oracle-only TIME" or "ours-only TIME" → justifications (one per occurrence). */
    Map<String, List<String>> listedDisagreements() {
        Map<String, List<String>> listed = new TreeMap<>();
        if (!Files.exists(dir.resolve(name + ".disagreements"))) {
            return listed;
        }
        for (String line : lines(name + ".disagreements")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" +", 3);
            if (f.length < 3 || f[2].isBlank()) {
                throw new IllegalStateException(name + ".disagreements: needs 'oracle-only|ours-only TIME justification': " + line);
            }
            listed.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(f[2]);
        }
        return listed;
    }

    /** Replays the capture as one chunk through the whole pipeline and returns every epoch. */
    List<Epoch> decode() {
        List<Epoch> epochs = new ArrayList<>();
        GpsReceiver r = new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(dateHint()), epochs::add);
        byte[] b = bytes();
        r.accept(b, 0, b.length, new MonotonicTime(0));
        r.endOfInput();
        return epochs;
    }

    private byte[] read(String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lines(String file) {
        return new String(read(file), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
