package io.gnomon.nmea;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of decoded sentences by type (talker stripped), unknown and proprietary types, malformed sentences, and
 * time fields rejected by reason. Not thread-safe.
 */
public final class DecodeCounters {

    private final Map<String, Long> decoded = new TreeMap<>();
    private final Map<String, Long> unknown = new TreeMap<>();
    private final Map<String, Long> malformed = new TreeMap<>();
    private final Map<String, Long> fieldRejects = new TreeMap<>();

    public void count(NmeaSentence s) {
        String type = s.address().type();
        switch (s) {
            case NmeaSentence.Unknown u -> unknown.merge(s.address().proprietary() ? "proprietary " + type : type, 1L, Long::sum);
            case NmeaSentence.Malformed m -> malformed.merge(m.reason(), 1L, Long::sum);
            default -> decoded.merge(type, 1L, Long::sum);
        }
        if (s.timeOfDay() instanceof FieldValue.Invalid<NmeaTimeOfDay> bad) {
            fieldRejects.merge(type + " time: " + bad.reason(), 1L, Long::sum);
        }
        FieldValue<NmeaDate> date = switch (s) {
            case NmeaSentence.Rmc r -> r.date();
            case NmeaSentence.Zda z -> z.date();
            default -> FieldValue.empty();
        };
        if (date instanceof FieldValue.Invalid<NmeaDate> bad) {
            fieldRejects.merge(type + " date: " + bad.reason(), 1L, Long::sum);
        }
    }

    public Map<String, Long> decodedByType() {
        return Collections.unmodifiableMap(decoded);
    }

    public Map<String, Long> unknownByType() {
        return Collections.unmodifiableMap(unknown);
    }

    public Map<String, Long> malformedByReason() {
        return Collections.unmodifiableMap(malformed);
    }

    public Map<String, Long> fieldRejectsByReason() {
        return Collections.unmodifiableMap(fieldRejects);
    }

    public long total() {
        return sum(decoded) + sum(unknown) + sum(malformed);
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }
}
