package io.gnomon.status;

/**
 * The charted values over time, in two bounded rings: the last hour at one row per second, and the last day at
 * one row per minute (each the mean of that minute's seconds). Memory is fixed: 3600 + 1440 rows.
 * Thread-safe: one publisher adds, any number of readers take copies.
 */
public final class StatusHistory {
    public static final int HOUR_ROWS = 3600;
    public static final int DAY_ROWS = 1440;

    private final RowRing seconds;
    private final RowRing minutes;
    private final MinuteMean minuteMean = new MinuteMean();
    private long lastSecond = Long.MIN_VALUE;

    public StatusHistory() {
        this(HOUR_ROWS, DAY_ROWS);
    }

    StatusHistory(int secondRows, int minuteRows) {
        seconds = new RowRing(secondRows);
        minutes = new RowRing(minuteRows);
    }

    /**
     * Adds one row. A row not later than the last one added (the clock stepped back, or two publishes in one
     * second) is ignored, so each ring stays in time order.
     *
     * @return whether the row was added
     */
    public synchronized boolean add(HistoryRow row) {
        if (row.epochSecond() <= lastSecond) {
            return false;
        }
        lastSecond = row.epochSecond();
        seconds.add(row);
        HistoryRow finishedMinute = minuteMean.add(row);
        if (finishedMinute != null) {
            minutes.add(finishedMinute);
        }
        return true;
    }

    /** The last hour, one row per second, oldest first (a copy). */
    public synchronized HistoryTable lastHour() {
        return seconds.toTable();
    }

    /** The last day, one row per finished minute, oldest first (a copy). */
    public synchronized HistoryTable lastDay() {
        return minutes.toTable();
    }
}
