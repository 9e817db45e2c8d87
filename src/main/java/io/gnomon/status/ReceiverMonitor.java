package io.gnomon.status;

import io.gnomon.gps.Epoch;
import io.gnomon.gps.FixStatus;
import io.gnomon.gps.ReceiverListener;
import io.gnomon.gps.SatelliteSignal;
import io.gnomon.nmea.FramingReject;
import io.gnomon.nmea.FramingRejectReason;
import io.gnomon.nmea.NmeaSentence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What {@code gnomon gps-monitor} shows about a receiver: the latest raw sentences, the decoded time and fix of
 * the latest cycle, satellites with SNR, sentences by type, and framing rejects — checksum errors by sentence
 * type. Fed by the receiver pipeline on the serial thread; rendered from another. Optionally writes one line per
 * event ({@code --plain}). No clock or terminal of its own: the caller decides when to render.
 */
public final class ReceiverMonitor implements ReceiverListener {
    private static final int RAW_LINES = 12;

    private final Consumer<String> plain;
    private final Deque<String> raw = new ArrayDeque<>();
    private final Map<String, Long> sentencesByType = new TreeMap<>();
    private final Map<String, Long> checksumErrorsByType = new TreeMap<>();
    private final Map<FramingRejectReason, Long> rejectsByReason = new EnumMap<>(FramingRejectReason.class);
    private Epoch latest;
    private List<SatelliteSignal> sky = List.of();
    private long epochs;
    private String link = "not opened yet";
    private String pps; // null: no PPS source configured
    private long ppsEdges;
    private String lastPps = "none yet";

    /** @param plain receives one line per event, or null for none */
    public ReceiverMonitor(Consumer<String> plain) {
        this.plain = plain == null ? line -> { } : plain;
    }

    @Override
    public synchronized void sentence(NmeaSentence s) {
        String text = s.source().text();
        raw.addLast(text);
        if (raw.size() > RAW_LINES) {
            raw.removeFirst();
        }
        sentencesByType.merge(s.address().toString(), 1L, Long::sum);
        plain.accept("< " + text);
    }

    @Override
    public synchronized void framingReject(FramingReject r) {
        rejectsByReason.merge(r.reason(), 1L, Long::sum);
        String type = sentenceType(r.excerpt());
        if (isChecksum(r.reason())) {
            checksumErrorsByType.merge(type, 1L, Long::sum);
        }
        plain.accept("! " + r.reason() + " " + type + ": " + printable(r.excerpt()));
    }

    @Override
    public synchronized void epoch(Epoch e) {
        latest = e;
        if (!e.satellites().isEmpty()) {
            sky = e.satellites(); // a cycle without GSV keeps the last sky seen
        }
        epochs++;
        plain.accept("= " + epochLine(e));
    }

    /** A serial link state change, in words. */
    public synchronized void link(String state) {
        link = state;
        plain.accept("# " + state);
    }

    /** A PPS source's state in words (opened, unavailable and why); the first call shows the PPS line. */
    public synchronized void pps(String state) {
        pps = state;
        plain.accept("# pps: " + state);
    }

    /** One PPS assert edge: the source's sequence number and its timestamp in words. */
    public synchronized void ppsEdge(long sequence, String stamp) {
        ppsEdges++;
        lastPps = "#" + sequence + " at " + stamp;
        plain.accept("| pps edge " + lastPps);
    }

    public synchronized long ppsEdges() {
        return ppsEdges;
    }

    static boolean isChecksum(FramingRejectReason r) {
        return r == FramingRejectReason.BAD_CHECKSUM || r == FramingRejectReason.MALFORMED_CHECKSUM
                || r == FramingRejectReason.MISSING_CHECKSUM;
    }

    /** "GPGSV" from "$GPGSV,3,1,…", or "?" when the excerpt has no address. */
    static String sentenceType(String excerpt) {
        if (excerpt == null || excerpt.isEmpty() || (excerpt.charAt(0) != '$' && excerpt.charAt(0) != '!')) {
            return "?";
        }
        int end = 1;
        while (end < excerpt.length() && Character.isLetterOrDigit(excerpt.charAt(end)) && end < 12) {
            end++;
        }
        return end == 1 ? "?" : excerpt.substring(1, end);
    }

    static String fixWords(FixStatus f) {
        if (!f.reported()) {
            return "no fix reported";
        }
        String dim = switch (f.gsaFixType()) {
            case 2 -> "2D";
            case 3 -> "3D";
            case 1 -> "none";
            default -> null;
        };
        String quality = switch (f.ggaQuality()) {
            case -1 -> null;
            case 0 -> "no fix";
            case 1 -> "GPS";
            case 2 -> "DGPS";
            case 3 -> "PPS";
            case 4 -> "RTK";
            case 5 -> "float RTK";
            case 6 -> "estimated";
            default -> "quality " + f.ggaQuality();
        };
        List<String> parts = new ArrayList<>();
        parts.add(f.valid() ? "valid" : "NOT valid");
        if (dim != null) {
            parts.add(dim);
        }
        if (quality != null) {
            parts.add(quality);
        }
        if (f.satellitesUsed() >= 0) {
            parts.add(f.satellitesUsed() + " used");
        }
        return String.join(", ", parts);
    }

    static String epochLine(Epoch e) {
        long tracked = e.satellites().stream().filter(s -> s.snr() >= 0).count();
        return "time " + e.isoTime() + (e.assertedBy().isEmpty() ? "" : " (" + String.join("+", e.assertedBy()) + ")")
                + "; fix " + fixWords(e.fix()) + "; " + e.satellites().size() + " satellites in view, " + tracked
                + " tracked" + (e.reasons().isEmpty() ? "" : "; " + String.join("; ", e.reasons()));
    }

    /** The closing summary for --plain: counts by type and reason. */
    public synchronized List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("# " + epochs + " cycles; sentences by type: " + counts(sentencesByType));
        lines.add("# checksum errors by type: " + (checksumErrorsByType.isEmpty() ? "none" : counts(checksumErrorsByType)));
        if (pps != null) {
            lines.add("# pps edges: " + ppsEdges);
        }
        lines.add("# framing rejects by reason: " + (rejectsByReason.isEmpty() ? "none" : counts(rejectsByReason)));
        return lines;
    }

    public synchronized long sentences() {
        return sentencesByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The whole screen for a terminal {@code width} columns wide: ANSI home + clear, then plain text. */
    public synchronized String render(String title, int width) {
        StringBuilder b = new StringBuilder("\033[H\033[2J");
        line(b, width, "\033[1m" + title + "\033[0m");
        line(b, width, "link   " + link);
        if (pps != null) {
            line(b, width, "pps    " + pps + "; " + ppsEdges + " edges, last " + lastPps);
        }
        if (latest == null) {
            line(b, width, "time   (no complete cycle yet)");
        } else {
            line(b, width, "time   \033[1m" + latest.isoTime() + "\033[0m"
                    + (latest.assertedBy().isEmpty() ? "" : " from " + String.join("+", latest.assertedBy())));
            line(b, width, "fix    " + fixWords(latest.fix()));
            if (!latest.reasons().isEmpty()) {
                line(b, width, "why    " + String.join("; ", latest.reasons()));
            }
            line(b, width, "");
            line(b, width, "\033[1msatellites\033[0m  " + sky.size() + " in view (latest GSV)");
            line(b, width, String.format("  %-8s %4s %4s %4s %4s  %s", "system", "id", "el", "az", "snr", ""));
            for (SatelliteSignal s : sky) {
                String bar = s.snr() < 0 ? "" : "#".repeat(Math.min(50, s.snr()) / 2);
                line(b, width, String.format("  %-8s %4d %4s %4s %4s  %s", s.constellation(), s.prn(),
                        dash(s.elevation()), dash(s.azimuth()), dash(s.snr()), bar));
            }
        }
        line(b, width, "");
        line(b, width, "sentences " + counts(sentencesByType));
        line(b, width, "checksum errors " + (checksumErrorsByType.isEmpty() ? "none" : counts(checksumErrorsByType)));
        line(b, width, "rejects " + (rejectsByReason.isEmpty() ? "none" : counts(rejectsByReason)));
        line(b, width, "");
        line(b, width, "\033[1mraw\033[0m (latest last)");
        for (String r : raw) {
            line(b, width, "  " + printable(r));
        }
        return b.toString();
    }

    private static String dash(int v) {
        return v < 0 ? "--" : Integer.toString(v);
    }

    private static <K> String counts(Map<K, Long> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder b, int width, String text) {
        // cut what would wrap (escape codes count as width here, which only cuts early)
        b.append(text.length() > width + 8 ? text.substring(0, width + 8) : text).append("\033[K\n");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02X", (int) c));
            }
        }
        return b.toString();
    }
}
