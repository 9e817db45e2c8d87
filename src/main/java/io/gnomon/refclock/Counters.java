package io.gnomon.refclock;

import java.util.Map;
import java.util.TreeMap;

/** Named counts of things that happened (reasons an edge or epoch was not used, and so on). */
public final class Counters {
    private final Map<String, Long> counts = new TreeMap<>();

    public void add(String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    public long get(String reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public Map<String, Long> snapshot() {
        return Map.copyOf(counts);
    }
}
