package io.gnomon.ntp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the NTP server did, counted from any number of threads without locks. Every datagram handed to the
 * responder is one request, and ends as exactly one reply, Kiss-o'-Death or drop (by reason).
 */
public final class ServerCounters {

    private static final DropReason[] REASONS = DropReason.values();

    private final LongAdder requests = new LongAdder();
    private final LongAdder replies = new LongAdder();
    private final LongAdder kissOfDeath = new LongAdder();
    private final LongAdder[] drops = new LongAdder[REASONS.length];

    public ServerCounters() {
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    void countRequest() {
        requests.increment();
    }

    void countReply() {
        replies.increment();
    }

    void countKissOfDeath() {
        kissOfDeath.increment();
    }

    void countDrop(DropReason reason) {
        drops[reason.ordinal()].increment();
    }

    /** A consistent-enough copy for display (each counter is read once; concurrent updates may straddle it). */
    public Snapshot snapshot() {
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            dropped.put(r, drops[r.ordinal()].sum());
        }
        return new Snapshot(requests.sum(), replies.sum(), kissOfDeath.sum(), Collections.unmodifiableMap(dropped));
    }

    /** Counts at one moment; {@code dropped} has every reason, zeros included. */
    public record Snapshot(long requests, long replies, long kissOfDeathSent, Map<DropReason, Long> dropped) {

        public long dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0L);
        }

        public long totalDropped() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
