package io.gnomon.ntp;

/**
 * Per-client request rate limiting in a table of fixed size: memory does not grow with the number of clients.
 *
 * <p>Each tracked client has a "theoretical arrival time" (the generic cell rate algorithm): a request is
 * allowed when it comes no earlier than {@code burst − 1} average intervals before that time, and then pushes
 * the time one interval further. A client who keeps to the average rate is never refused; one who sends
 * faster gets refused, answering one refusal in {@code kissOneIn} with a Kiss-o'-Death RATE and dropping the
 * rest, so a spoofed flood cannot use the server as an amplifier.
 *
 * <p>The table is two-way set associative, indexed by a seeded hash of the client key (the caller chooses
 * the key, e.g. the IPv4 address or IPv6 /64). On a miss the entry with the earlier theoretical arrival time
 * is replaced: a quiet client's entry goes before an offender's, so an offender stays tracked while many
 * legitimate clients come and go. A client evicted and seen again simply starts with a full burst.
 *
 * <p>Pure: time comes in as an argument (any monotonic nanosecond count); no locks — use one per thread.
 */
public final class RateLimiter {

    /** What to do with one request. */
    public enum Decision { ALLOW, KISS_OF_DEATH, DROP }

    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] keys;
    private final long[] arrival;
    private final int[] refused;
    private final int mask;
    private final long seed;
    private final long intervalNanos;
    private final long toleranceNanos;
    private final int kissOneIn;

    /**
     * @param settings the limits and table size
     * @param hashSeed a random value chosen at startup, so clients cannot aim at one table set
     */
    public RateLimiter(RateLimitSettings settings, long hashSeed) {
        int slots = settings.tableSlots();
        this.keys = new long[slots];
        this.arrival = new long[slots];
        this.refused = new int[slots];
        java.util.Arrays.fill(arrival, EMPTY);
        this.mask = slots - 1;
        this.seed = hashSeed;
        this.intervalNanos = settings.averageIntervalNanos();
        this.toleranceNanos = (settings.burst() - 1L) * intervalNanos;
        this.kissOneIn = settings.kissOneIn();
    }

    /** Number of clients the table can track at once (fixed at construction). */
    public int capacity() {
        return keys.length;
    }

    /**
     * Slots holding a client now: grows to {@link #capacity()} and stays there (entries are replaced, never
     * added). Reads the table without a lock: from another thread the count is approximate, for display.
     */
    public int entries() {
        int n = 0;
        for (long a : arrival) {
            if (a != EMPTY) {
                n++;
            }
        }
        return n;
    }

    /** Decides on one request from {@code clientKey} arriving at {@code nowNanos}. */
    public Decision check(long clientKey, long nowNanos) {
        int set = (int) mix(clientKey ^ seed) & mask & ~1;
        int slot;
        if (arrival[set] != EMPTY && keys[set] == clientKey) {
            slot = set;
        } else if (arrival[set + 1] != EMPTY && keys[set + 1] == clientKey) {
            slot = set + 1;
        } else {
            slot = arrival[set] <= arrival[set + 1] ? set : set + 1;
            keys[slot] = clientKey;
            arrival[slot] = nowNanos;
            refused[slot] = 0;
        }
        long tat = arrival[slot];
        if (tat - nowNanos <= toleranceNanos) {
            arrival[slot] = Math.max(tat, nowNanos) + intervalNanos;
            return Decision.ALLOW;
        }
        int n = refused[slot]++;
        return n % kissOneIn == 0 ? Decision.KISS_OF_DEATH : Decision.DROP;
    }

    /** SplitMix64's finaliser: every key bit reaches every index bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
