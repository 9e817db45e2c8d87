package io.gnomon.status;

/** A bounded ring of history rows: adding to a full ring drops the oldest. Not thread-safe. */
final class RowRing {
    private final HistoryRow[] rows;
    private int next;
    private int size;

    RowRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        rows = new HistoryRow[capacity];
    }

    void add(HistoryRow row) {
        rows[next] = row;
        next = (next + 1) % rows.length;
        if (size < rows.length) {
            size++;
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return rows.length;
    }

    /** Oldest first. */
    HistoryTable toTable() {
        int n = size;
        long[] t = new long[n];
        double[] offset = new double[n];
        double[] jitter = new double[n];
        double[] frequency = new double[n];
        double[] rate = new double[n];
        int start = (next - n + rows.length) % rows.length;
        for (int i = 0; i < n; i++) {
            HistoryRow r = rows[(start + i) % rows.length];
            t[i] = r.epochSecond();
            offset[i] = r.offsetSeconds();
            jitter[i] = r.jitterSeconds();
            frequency[i] = r.frequencyPpm();
            rate[i] = r.ntpRequestsPerSecond();
        }
        return new HistoryTable(t, offset, jitter, frequency, rate);
    }
}
