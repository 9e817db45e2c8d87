package io.gnomon.refclock;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** The last few measured NMEA delays (first-byte arrival − its edge), with the statistics labelling needs. */
final class DelayWindow {
    private final int capacity;
    private final Deque<Long> delays = new ArrayDeque<>();

    DelayWindow(int capacity) {
        this.capacity = capacity;
    }

    void add(long nanos) {
        delays.addLast(nanos);
        if (delays.size() > capacity) {
            delays.removeFirst();
        }
    }

    void clear() {
        delays.clear();
    }

    int size() {
        return delays.size();
    }

    long median() {
        long[] a = sorted();
        return a.length == 0 ? 0 : a[a.length / 2];
    }

    long min() {
        long m = Long.MAX_VALUE;
        for (long d : delays) {
            m = Math.min(m, d);
        }
        return delays.isEmpty() ? 0 : m;
    }

    long max() {
        long m = Long.MIN_VALUE;
        for (long d : delays) {
            m = Math.max(m, d);
        }
        return delays.isEmpty() ? 0 : m;
    }

    private long[] sorted() {
        long[] a = new long[delays.size()];
        int i = 0;
        for (long d : delays) {
            a[i++] = d;
        }
        Arrays.sort(a);
        return a;
    }
}
