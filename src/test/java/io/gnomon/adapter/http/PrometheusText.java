package io.gnomon.adapter.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a HELP, a TYPE,
 * or a sample of a family whose TYPE came first; names and labels must be valid; values must be floats; no
 * series may appear twice. Throws {@link IllegalArgumentException} naming the line otherwise.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    record Sample(String name, Map<String, String> labels, double value) {}

    record Family(String name, String type, String help, List<Sample> samples) {}

    private PrometheusText() {}

    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new HashMap<>();
        Set<String> series = new HashSet<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                requireName(parts[0], n);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !TYPES.contains(parts[1])) {
                    throw bad(n, line, "TYPE needs a name and one of " + TYPES);
                }
                requireName(parts[0], n);
                if (families.containsKey(parts[0])) {
                    throw bad(n, line, "second TYPE for " + parts[0]);
                }
                families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0]), new ArrayList<>()));
            } else if (line.startsWith("#")) {
                continue; // a comment
            } else {
                Sample s;
                try {
                    s = sample(line, n);
                } catch (IndexOutOfBoundsException e) {
                    throw bad(n, line, "line ends too early");
                }
                Family f = familyOf(s.name(), families);
                if (f == null) {
                    throw bad(n, line, "sample before its family's TYPE");
                }
                if (!series.add(s.name() + s.labels())) {
                    throw bad(n, line, "duplicate series");
                }
                f.samples().add(s);
            }
        }
        return families;
    }

    private static Family familyOf(String sample, Map<String, Family> families) {
        if (families.containsKey(sample)) {
            return families.get(sample);
        }
        for (String suffix : List.of("_total", "_created", "_count", "_sum", "_bucket")) {
            if (sample.endsWith(suffix)) {
                Family f = families.get(sample.substring(0, sample.length() - suffix.length()));
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Sample sample(String line, int n) {
        Matcher m = NAME.matcher(line);
        if (!m.lookingAt()) {
            throw bad(n, line, "no metric name");
        }
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                Matcher ln = LABEL_NAME.matcher(line).region(i, line.length());
                if (!ln.lookingAt()) {
                    throw bad(n, line, "bad label name at " + i);
                }
                i = ln.end();
                if (line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    throw bad(n, line, "expected =\" at " + i);
                }
                i += 2;
                StringBuilder v = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> throw bad(n, line, "bad escape \\" + e);
                        }
                    } else {
                        v.append(c);
                    }
                }
                i++;
                if (labels.put(ln.group(), v.toString()) != null) {
                    throw bad(n, line, "label twice: " + ln.group());
                }
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw bad(n, line, "expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw bad(n, line, "expected a value and an optional timestamp");
        }
        double value = switch (rest[0]) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(rest[0]);
                } catch (NumberFormatException e) {
                    throw bad(n, line, "value is not a float");
                }
            }
        };
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw bad(n, line, "timestamp is not an integer");
            }
        }
        return new Sample(name, labels, value);
    }

    private static void requireName(String name, int n) {
        if (!NAME.matcher(name).matches()) {
            throw bad(n, name, "bad metric name");
        }
    }

    private static IllegalArgumentException bad(int n, String line, String why) {
        return new IllegalArgumentException("line " + n + ": " + why + ": " + line);
    }
}
