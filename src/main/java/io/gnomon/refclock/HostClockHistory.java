package io.gnomon.refclock;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The host clock changes of the last moments, so that an edge stamped before a change but added to the model
 * after it (labelled edges wait for their receiver epoch, up to about a second) is carried into the current
 * scale the same way the model's stored samples were: moved by each step, stretched by each rate change since.
 */
final class HostClockHistory {
    private static final int KEEP = 64;

    /** One change; {@code atRealtime}: the host realtime when it happened, in the scale just before it. */
    private record Change(long generation, long stepNanos, long atRealtime, double rateChange) {
    }

    private final Deque<Change> changes = new ArrayDeque<>();
    private final Map<Long, Long> generationOfSequence = new HashMap<>();
    private final Deque<Long> sequences = new ArrayDeque<>();
    private long generation;

    /** The edge with this sequence number was stamped in the current scale. */
    void stamped(long sequence) {
        if (generationOfSequence.put(sequence, generation) == null) {
            sequences.addLast(sequence);
        }
        while (sequences.size() > KEEP) {
            generationOfSequence.remove(sequences.removeFirst());
        }
    }

    void stepped(long deltaNanos) {
        add(new Change(++generation, deltaNanos, 0, 0));
    }

    void rateChanged(long atRealtime, double rateChange) {
        add(new Change(++generation, 0, atRealtime, rateChange));
    }

    private void add(Change c) {
        changes.addLast(c);
        while (changes.size() > KEEP) {
            changes.removeFirst();
        }
    }

    /**
     * Edge {@code sequence}'s realtime stamp in the current scale; the stamp as it is when the edge was never seen
     * by {@link #stamped} (it cannot be placed otherwise); null when changes it needs were already forgotten.
     */
    io.gnomon.time.RealtimeTime carried(long sequence, io.gnomon.time.RealtimeTime stamp) {
        Long g = generationOfSequence.get(sequence);
        if (g == null || g == generation) {
            return stamp;
        }
        if (changes.isEmpty() || changes.getFirst().generation() > g + 1) {
            return null;
        }
        long r = stamp.epochNanos();
        for (Change c : changes) {
            if (c.generation() <= g) {
                continue;
            }
            r = c.rateChange() == 0 ? r + c.stepNanos() : r - Math.round((c.atRealtime() - r) * c.rateChange());
        }
        return new io.gnomon.time.RealtimeTime(r);
    }
}
