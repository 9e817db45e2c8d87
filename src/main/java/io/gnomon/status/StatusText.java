package io.gnomon.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human summary {@code gnomon status} prints, in the spirit of {@code chronyc tracking}. */
public final class StatusText {
    private StatusText() {}

    /** "PPS locked for 3h12m; offset −42 ns, jitter 310 ns; 9/14 satellites" */
    public static String headline(StatusSnapshot s) {
        StringBuilder b = new StringBuilder();
        if (s.drill() != null) {
            b.append("DRILL ").append(s.drill().name()).append(" (").append(s.drill().step()).append("): ");
        }
        b.append(s.lock().state()).append(" for ").append(Quantities.duration(s.lock().secondsInState()));
        StatusSnapshot.Clock c = s.clock();
        if (Double.isFinite(c.offsetSeconds())) {
            b.append("; offset ").append(Quantities.seconds(c.offsetSeconds()));
            if (Double.isFinite(c.jitterSeconds())) {
                b.append(", jitter ").append(Quantities.seconds(c.jitterSeconds()));
            }
        }
        StatusSnapshot.Receiver r = s.receiver();
        if (r.device() != null || r.satellitesInView() > 0) {
            b.append("; ").append(r.satellitesUsed()).append('/').append(r.satellitesInView()).append(" satellites");
        }
        return b.toString();
    }

    /** The full summary: headline, reason, then one "Label : value" line per fact. */
    public static String summary(StatusSnapshot s) {
        List<String[]> rows = new ArrayList<>();
        StatusSnapshot.Lock l = s.lock();
        StatusSnapshot.Clock c = s.clock();
        StatusSnapshot.Receiver r = s.receiver();
        StatusSnapshot.Pps p = s.pps();
        StatusSnapshot.Leap leap = s.leap();
        StatusSnapshot.NtpServer n = s.ntp();
        if (s.drill() != null) {
            StatusSnapshot.Drill d = s.drill();
            rows.add(row("DRILL", d.name() + " running for " + Quantities.duration(d.secondsRunning()) + ", step "
                    + d.stepNumber() + " of " + d.steps() + ": " + d.step() + " (faults are injected on purpose)"));
        }
        rows.add(row("State", l.state() + (l.serving() ? " (serving time)" : " (NOT serving time: leap indicator 3)")));
        rows.add(row("Reason", l.reason()));
        rows.add(row("Reference ID", c.refId() + ", stratum " + c.stratum()));
        rows.add(row("Offset", Quantities.seconds(c.offsetSeconds())));
        rows.add(row("Jitter", Quantities.seconds(c.jitterSeconds())));
        rows.add(row("Frequency", Quantities.ppm(c.frequencyPpm())));
        rows.add(row("NMEA delay", Quantities.seconds(c.nmeaDelaySeconds())));
        rows.add(row("Root dispersion", Quantities.seconds(c.rootDispersionSeconds())));
        rows.add(row("Receiver", orNone(r.device()) + ", " + orUnknown(r.state())
                + (r.fixQuality() == null ? "" : ", fix " + r.fixQuality())));
        rows.add(row("Satellites", r.satellitesUsed() + " used / " + r.satellitesInView() + " in view"
                + constellations(r)));
        rows.add(row("PPS", orNone(p.device()) + ", " + orUnknown(p.state()) + ", " + p.edges() + " edges"));
        rows.add(row("Leap second", leapWords(leap.indicator())
                + (leap.leapFileExpired() && leap.leapFileExpires() != null
                        ? "; leap file EXPIRED " + leap.leapFileExpires() + " (update tzdata)"
                        : leapFile(leap.leapFileExpires(), s.generatedAt()))));
        if (leap.rollover() != null) {
            rows.add(row("Rollover", leap.rollover()));
        }
        rows.add(row("NTP", n.requests() + " requests, " + n.replies() + " replies, " + n.totalDropped() + " dropped"
                + dropReasons(n.dropped()) + ", " + n.kissOfDeathSent() + " KoD sent"
                + (n.clientsSeen() >= 0 ? ", " + n.clientsSeen() + " clients" : "")));
        rows.add(row("Uptime", Quantities.duration(s.uptimeSeconds()) + " (gnomon " + s.version() + ")"));
        int width = rows.stream().mapToInt(x -> x[0].length()).max().orElse(0);
        StringBuilder b = new StringBuilder(headline(s)).append('\n');
        for (String[] x : rows) {
            b.append(x[0]).append(" ".repeat(width - x[0].length())).append(" : ").append(x[1]).append('\n');
        }
        return b.toString();
    }

    /** ISO dates compare as text; an expired file no longer tells of coming leap seconds. */
    static String leapFile(String expires, String generatedAt) {
        if (expires == null) {
            return "; no leap-second file";
        }
        if (generatedAt != null && expires.compareTo(generatedAt.substring(0, Math.min(10, generatedAt.length()))) < 0) {
            return "; leap file EXPIRED " + expires + " (update tzdata)";
        }
        return "; leap file expires " + expires;
    }

    static String leapWords(String indicator) {
        return switch (indicator) {
            case "none" -> "none announced";
            case "insert" -> "insertion announced for the end of this UTC day";
            case "delete" -> "deletion announced for the end of this UTC day";
            case "unsynchronised" -> "unknown (not synchronised)";
            default -> indicator;
        };
    }

    private static String constellations(StatusSnapshot.Receiver r) {
        if (r.satellites().isEmpty()) {
            return "";
        }
        Map<String, Long> by = r.satellites().stream().collect(
                Collectors.groupingBy(StatusSnapshot.Satellite::constellation, java.util.TreeMap::new,
                        Collectors.counting()));
        return " (" + by.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String dropReasons(Map<String, Long> dropped) {
        String nonZero = new java.util.TreeMap<>(dropped).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return nonZero.isEmpty() ? "" : " (" + nonZero + ")";
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }
}
