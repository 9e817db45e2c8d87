package io.gnomon.status;

import java.util.ArrayList;
import java.util.List;

/**
 * Where successive snapshots go: keeps the latest for readers, adds a history row per second, and says what
 * deserves a log line — one per lock-state change with its reason, and a rate-limited summary of dropped
 * requests (never one line per packet). Time comes in with each snapshot. One thread calls
 * {@link #accept}; any thread may read.
 */
public final class StatusFeed {
    private final StatusHistory history;
    private final DropSummary drops;
    private volatile StatusSnapshot latest;
    private String previousState;
    private StatusSnapshot previous;
    private long previousSecond;
    private boolean leapExpiredReported;

    private final boolean reportStateChanges;

    public StatusFeed(StatusHistory history, long dropSummarySeconds) {
        this(history, dropSummarySeconds, true);
    }

    /** @param reportStateChanges false when the state machine logs its own changes (no line twice) */
    public StatusFeed(StatusHistory history, long dropSummarySeconds, boolean reportStateChanges) {
        this.history = history;
        this.drops = new DropSummary(dropSummarySeconds);
        this.reportStateChanges = reportStateChanges;
    }

    /**
     * @param epochSecond the UTC second the snapshot describes
     * @return the log lines this snapshot calls for (usually none)
     */
    public List<String> accept(StatusSnapshot s, long epochSecond) {
        List<String> lines = new ArrayList<>(2);
        if (!reportStateChanges) {
            // the state machine logs its changes itself
        } else if (previousState == null) {
            lines.add("state: " + s.lock().state() + ": " + s.lock().reason());
        } else if (!previousState.equals(s.lock().state())) {
            lines.add("state: " + previousState + " \u2192 " + s.lock().state() + ": " + s.lock().reason());
        }
        previousState = s.lock().state();
        if (s.leap().leapFileExpired() && !leapExpiredReported) {
            lines.add("leap: the leap-second file expired on " + s.leap().leapFileExpires()
                    + ": still serving, but a leap second announced after that date is unknown here (update tzdata)");
        }
        leapExpiredReported = s.leap().leapFileExpired();
        double rate = Double.NaN;
        if (previous != null && epochSecond > previousSecond) {
            rate = Math.max(0, s.ntp().requests() - previous.ntp().requests()) / (double) (epochSecond - previousSecond);
        }
        StatusSnapshot.Clock c = s.clock();
        if (history.add(new HistoryRow(epochSecond, c.offsetSeconds(), c.jitterSeconds(), c.frequencyPpm(), rate))) {
            previous = s;
            previousSecond = epochSecond;
        } else if (previous == null) {
            previous = s;
            previousSecond = epochSecond;
        }
        drops.next(s.ntp().dropped(), epochSecond).ifPresent(lines::add);
        latest = s;
        return lines;
    }

    /** The latest snapshot, or null before the first. */
    public StatusSnapshot latest() {
        return latest;
    }

    public StatusHistory history() {
        return history;
    }
}
