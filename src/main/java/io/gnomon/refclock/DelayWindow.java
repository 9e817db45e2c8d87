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
        return delays.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    long max() {
        return delays.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private long[] sorted() {
        long[] a = delays.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
