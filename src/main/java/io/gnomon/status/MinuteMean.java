package io.gnomon.status;

/**
 * Averages one minute's rows into one row stamped with the minute's start. NaN samples are left out of a
 * column's mean; a column with no finite sample in the minute stays NaN. Not thread-safe.
 */
final class MinuteMean {
    private long minute = Long.MIN_VALUE;
    private final double[] sums = new double[4];
    private final int[] counts = new int[4];

    /** Adds a row; returns the finished mean of the previous minute when this row starts a new one, else null. */
    HistoryRow add(HistoryRow row) {
        long m = Math.floorDiv(row.epochSecond(), 60);
        HistoryRow finished = null;
        if (m != minute) {
            finished = flush();
            minute = m;
        }
        accumulate(0, row.offsetSeconds());
        accumulate(1, row.jitterSeconds());
        accumulate(2, row.frequencyPpm());
        accumulate(3, row.ntpRequestsPerSecond());
        return finished;
    }

    private void accumulate(int column, double v) {
        if (Double.isFinite(v)) {
            sums[column] += v;
            counts[column]++;
        }
    }

    private HistoryRow flush() {
        if (minute == Long.MIN_VALUE) {
            return null;
        }
        HistoryRow row = new HistoryRow(minute * 60, mean(0), mean(1), mean(2), mean(3));
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(counts, 0);
        return row;
    }

    private double mean(int column) {
        return counts[column] == 0 ? Double.NaN : sums[column] / counts[column];
    }
}
