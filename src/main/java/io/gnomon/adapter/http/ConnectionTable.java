package io.gnomon.adapter.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Admission and deadlines for HTTP connections, without sockets: the server loop tells it what happened and at
 * which {@code System.nanoTime()} reading, and closes what it names. Not thread-safe (one selector thread owns it).
 *
 * @param <C> the server's connection handle
 */
final class ConnectionTable<C> {
    /** Why the table wants a connection closed; counted by the server. */
    enum Reason { EVICTED_FOR_NEWER, HEADER_TIMEOUT, WRITE_TIMEOUT }

    enum Phase { READING, ANSWERING, WRITING }

    /** One connection; {@code deadlineNanos} is in the {@code System.nanoTime()} domain. */
    static final class Entry<C> {
        final C handle;
        final InetAddress source;
        final long openedNanos;
        Phase phase = Phase.READING;
        long deadlineNanos;

        Entry(C handle, InetAddress source, long openedNanos, long deadlineNanos) {
            this.handle = handle;
            this.source = source;
            this.openedNanos = openedNanos;
            this.deadlineNanos = deadlineNanos;
        }
    }

    record Close<C>(C handle, Reason reason) {}

    private final HttpLimits limits;
    private final SequencedSet<Entry<C>> byAge = new LinkedHashSet<>();
    private final Map<InetAddress, SequencedSet<Entry<C>>> bySource = new HashMap<>();

    ConnectionTable(HttpLimits limits) {
        this.limits = limits;
    }

    /**
     * Admits a new connection, naming the ones to close so that both bounds hold afterwards: the oldest
     * still-reading connection of that source (or of all) goes first, else the oldest one.
     */
    List<Close<C>> admit(Entry<C> entry) {
        List<Close<C>> closes = new ArrayList<>(2);
        SequencedSet<Entry<C>> same = bySource.get(entry.source);
        if (same != null && same.size() >= limits.perSource()) {
            closes.add(evict(victim(same)));
        }
        if (byAge.size() >= limits.total()) {
            closes.add(evict(victim(byAge)));
        }
        byAge.add(entry);
        bySource.computeIfAbsent(entry.source, s -> new LinkedHashSet<>()).add(entry);
        return closes;
    }

    Entry<C> open(C handle, InetAddress source, long nowNanos) {
        return new Entry<>(handle, source, nowNanos, nowNanos + limits.header().toNanos());
    }

    /** The request head is complete: no deadline while the reply is built (that is our work, not the client's). */
    void answering(Entry<C> entry) {
        entry.phase = Phase.ANSWERING;
        entry.deadlineNanos = Long.MAX_VALUE;
    }

    /** The reply is ready: the client has {@link HttpLimits#write()} to take it. */
    void writing(Entry<C> entry, long nowNanos) {
        entry.phase = Phase.WRITING;
        entry.deadlineNanos = nowNanos + limits.write().toNanos();
    }

    void remove(Entry<C> entry) {
        byAge.remove(entry);
        SequencedSet<Entry<C>> same = bySource.get(entry.source);
        if (same != null) {
            same.remove(entry);
            if (same.isEmpty()) {
                bySource.remove(entry.source);
            }
        }
    }

    /** Removes and names every connection past its deadline. */
    List<Close<C>> overdue(long nowNanos) {
        List<Close<C>> closes = new ArrayList<>();
        for (Entry<C> e : List.copyOf(byAge)) {
            if (e.deadlineNanos != Long.MAX_VALUE && nowNanos - e.deadlineNanos >= 0) {
                remove(e);
                closes.add(new Close<>(e.handle, e.phase == Phase.READING ? Reason.HEADER_TIMEOUT : Reason.WRITE_TIMEOUT));
            }
        }
        return closes;
    }

    int size() {
        return byAge.size();
    }

    int fromSource(InetAddress source) {
        SequencedSet<Entry<C>> same = bySource.get(source);
        return same == null ? 0 : same.size();
    }

    private Close<C> evict(Entry<C> victim) {
        remove(victim);
        return new Close<>(victim.handle, Reason.EVICTED_FOR_NEWER);
    }

    private static <C> Entry<C> victim(SequencedSet<Entry<C>> oldestFirst) {
        Optional<Entry<C>> reading = oldestFirst.stream().filter(e -> e.phase == Phase.READING).findFirst();
        return reading.orElseGet(oldestFirst::getFirst);
    }
}
