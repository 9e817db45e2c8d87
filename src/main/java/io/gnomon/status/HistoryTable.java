package io.gnomon.status;

import java.util.Arrays;

/**
 * History as columns, oldest first, ready for a chart: {@code t[i]} is the UTC second of row i. The arrays are
 * copies owned by this value; do not modify them.
 */
public record HistoryTable(long[] t, double[] offsetSeconds, double[] jitterSeconds, double[] frequencyPpm,
                           double[] ntpRequestsPerSecond) {

    public static final HistoryTable EMPTY = new HistoryTable(new long[0], new double[0], new double[0],
            new double[0], new double[0]);

    public int size() {
        return t.length;
    }

    public HistoryRow row(int i) {
        return new HistoryRow(t[i], offsetSeconds[i], jitterSeconds[i], frequencyPpm[i], ntpRequestsPerSecond[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryTable h && Arrays.equals(t, h.t) && Arrays.equals(offsetSeconds, h.offsetSeconds)
                && Arrays.equals(jitterSeconds, h.jitterSeconds) && Arrays.equals(frequencyPpm, h.frequencyPpm)
                && Arrays.equals(ntpRequestsPerSecond, h.ntpRequestsPerSecond);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(t);
    }

    @Override
    public String toString() {
        return "HistoryTable[" + size() + " rows]";
    }
}
