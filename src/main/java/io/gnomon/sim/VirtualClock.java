package io.gnomon.sim;

import java.util.PriorityQueue;

/**
 * Simulated true time and an event queue. Time is "true elapsed nanoseconds since the start of the scenario",
 * counted in SI seconds (an inserted leap second is one more second here). Events run in time order; an event
 * may schedule further events. Nothing here reads a real clock.
 */
public final class VirtualClock {

    private record Event(long atNanos, long order, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long order;

    /** True nanoseconds since the scenario started. */
    public long nowNanos() {
        return now;
    }

    /** Runs {@code action} at true time {@code atNanos} (not before now). */
    public void schedule(long atNanos, Runnable action) {
        queue.add(new Event(Math.max(atNanos, now), order++, action));
    }

    /** The time of the next event, or Long.MAX_VALUE when none is queued. */
    public long nextEventNanos() {
        Event e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.atNanos;
    }

    /** Runs every event up to and including {@code untilNanos}, then sets the time to it. */
    public void runUntil(long untilNanos) {
        while (!queue.isEmpty() && queue.peek().atNanos <= untilNanos) {
            Event e = queue.poll();
            now = e.atNanos;
            e.action.run();
        }
        now = Math.max(now, untilNanos);
    }
}
