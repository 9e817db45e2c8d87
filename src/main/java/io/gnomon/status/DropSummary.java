package io.gnomon.status;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns dropped-request counters into at most one log line per interval, however fast requests are dropped:
 * "dropped 1200 NTP requests in the last 60s: RATE_LIMITED 1190, TOO_SHORT 10". Nothing is said while
 * nothing is dropped. Not thread-safe.
 */
public final class DropSummary {
    private final long intervalSeconds;
    private Map<String, Long> reported;
    private long reportedAt;

    public DropSummary(long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    public Optional<String> next(Map<String, Long> dropped, long epochSecond) {
        if (reported == null) {
            reported = Map.copyOf(dropped);
            reportedAt = epochSecond;
            return Optional.empty();
        }
        if (epochSecond - reportedAt < intervalSeconds) {
            return Optional.empty();
        }
        Map<String, Long> delta = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : dropped.entrySet()) {
            long d = e.getValue() - reported.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                delta.put(e.getKey(), d);
                total += d;
            }
        }
        long since = epochSecond - reportedAt;
        reported = Map.copyOf(dropped);
        reportedAt = epochSecond;
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of("dropped " + total + " NTP request" + (total == 1 ? "" : "s") + " in the last "
                + Quantities.duration(since) + ": " + delta.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
}
