package io.gnomon.drill;

import io.gnomon.ntp.LeapIndicator;
import io.gnomon.refclock.LockState;
import io.gnomon.refclock.StateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an NTP client saw during a drill, checkpoint by checkpoint, and the status model beside it.
 *
 * @param mislabelledEdges  edges labelled with a wrong second (judged against the simulation's truth)
 * @param transitionSeconds when each transition happened, simulated seconds since the start (same order)
 * @param nmeaCounts        byte-level drills: what the NMEA pipeline and the fault injector counted, by reason
 */
public record DrillTimeline(Drill drill, List<Row> rows, List<StateChange> transitions, Map<String, Long> counts,
                           long mislabelledEdges, List<Double> transitionSeconds, Map<String, Long> nmeaCounts) {

    public DrillTimeline(Drill drill, List<Row> rows, List<StateChange> transitions, Map<String, Long> counts,
                         long mislabelledEdges) {
        this(drill, rows, transitions, counts, mislabelledEdges, List.of(), Map.of());
    }

    /** Seconds from {@code afterSeconds} to the first transition into {@code state} after it; NaN if none. */
    public double secondsUntil(LockState state, double afterSeconds) {
        for (int i = 0; i < transitions.size() && i < transitionSeconds.size(); i++) {
            if (transitions.get(i).isTransition() && transitions.get(i).to() == state && transitionSeconds.get(i) >= afterSeconds) {
                return transitionSeconds.get(i) - afterSeconds;
            }
        }
        return Double.NaN;
    }

    /** The NMEA pipeline's count for {@code key}, 0 when it has none. */
    public long nmeaCount(String key) {
        return nmeaCounts.getOrDefault(key, 0L);
    }

    /**
     * One client exchange.
     *
     * @param atSeconds      simulated seconds since the start
     * @param answered       true: a synchronised answer; false: the reply says unsynchronised (or was not usable)
     * @param offsetSeconds  served − true time as the client measured it (the client's clock is the truth)
     * @param rootDispersionSeconds as decoded from the reply
     * @param leapFileExpired       the status model says the leap-second table has expired
     */
    public record Row(long atSeconds, LockState state, String reason, boolean answered, int stratum, String refId,
                      LeapIndicator leap, double rootDispersionSeconds, double offsetSeconds, boolean leapFileExpired) {

        public Row(long atSeconds, LockState state, String reason, boolean answered, int stratum, String refId,
                   LeapIndicator leap, double rootDispersionSeconds, double offsetSeconds) {
            this(atSeconds, state, reason, answered, stratum, refId, leap, rootDispersionSeconds, offsetSeconds, false);
        }

        public String format() {
            return String.format(Locale.ROOT, "%3d:%02d  %-15s st %2d  %-4s LI=%d  disp %-10s offset %-11s %s",
                    atSeconds / 60, atSeconds % 60, state.words(), stratum, refId.isEmpty() ? "-" : refId, leap.bits(),
                    human(rootDispersionSeconds), human(offsetSeconds), reason)
                    + (leapFileExpired ? " [leap file expired]" : "");
        }
    }

    /** The drill's failed assertions; empty when it passed. */
    public List<String> failures() {
        List<String> f = new ArrayList<>(drill.check().apply(this));
        if (mislabelledEdges != 0) {
            f.add(mislabelledEdges + " edges labelled with a wrong second");
        }
        return f;
    }

    /** Rows with {@code from ≤ minute < to} (simulated minutes since the start). */
    public List<Row> minutes(double from, double to) {
        return rows.stream().filter(r -> r.atSeconds() >= from * 60 && r.atSeconds() < to * 60).toList();
    }

    public boolean anyTransitionTo(LockState state) {
        return transitions.stream().anyMatch(t -> t.isTransition() && t.to() == state);
    }

    /** Failure messages for the rows in [from, to) minutes that do not satisfy {@code ok}. */
    public List<String> expect(double from, double to, String what, Predicate<Row> ok) {
        List<Row> in = minutes(from, to);
        if (in.isEmpty()) {
            return List.of("no checkpoints between minute " + from + " and " + to);
        }
        return in.stream().filter(ok.negate()).limit(3)
                .map(r -> "minute " + from + "–" + to + ": expected " + what + ", got " + r.format().strip()).toList();
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("drill ").append(drill.name()).append(": ").append(drill.summary()).append('\n');
        b.append("  time  state           st    refid LI   root disp       served−true\n");
        for (Row r : rows) {
            b.append(r.format()).append('\n');
        }
        b.append("transitions:\n");
        for (int i = 0; i < transitions.size(); i++) {
            StateChange t = transitions.get(i);
            String at = i < transitionSeconds.size() ? minutesSeconds(transitionSeconds.get(i)) + "  " : "";
            b.append("  ").append(at).append(t.logLine()).append('\n');
        }
        if (!nmeaCounts.isEmpty()) {
            b.append("counted:\n");
            nmeaCounts.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        List<String> f = failures();
        b.append(f.isEmpty() ? "PASS: " + String.join("; ", drill.assertions()) : "FAIL: " + String.join("; ", f)).append('\n');
        return b.toString();
    }

    /** "13:00.4": simulated minutes and seconds since the start. */
    static String minutesSeconds(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%3d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }

    static String human(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        double a = Math.abs(s);
        if (a < 1e-3) {
            return String.format(Locale.ROOT, "%.1fµs", s * 1e6);
        }
        if (a < 1) {
            return String.format(Locale.ROOT, "%.2fms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.1fs", s);
    }
}
