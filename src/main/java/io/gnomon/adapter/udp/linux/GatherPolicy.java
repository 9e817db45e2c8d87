package io.gnomon.adapter.udp.linux;

/**
 * Whether to pause before the next receive so that more requests queue up and one wake-up, one recvmmsg and
 * fewer sends serve several of them: decided from the kernel receive timestamps of the batches just served.
 *
 * <p>At a steady rate of about half of what one core can serve, requests arrive spread out and almost every
 * recvmmsg returns one or two datagrams, each paying a wake-up (on this machine most of the server's CPU is
 * kernel time: the wake-up, the receive and the send). Pausing a few tens of microseconds gathers several.
 * The cost is that much extra round-trip time for the requests that wait; the timestamps do not suffer: the
 * receive timestamp is the kernel's (taken when the datagram arrived, so waiting does not move it) and the
 * transmit timestamp is read as the reply is sent.
 *
 * <p>The rule:
 * <ul>
 *   <li>a batch of at least {@code deepBatch} datagrams means requests already queue up: no pause;</li>
 *   <li>otherwise pause only when the arrival rate (a running mean of the gaps between kernel receive
 *       timestamps) says a pause of {@code maxWaitNanos} should gather at least {@link #MIN_EXPECTED}
 *       datagrams; pause for {@code targetBatch} gaps, at most {@code maxWaitNanos};</li>
 *   <li>a pause after which fewer than {@link #MIN_EXPECTED} datagrams were waiting did not pay: it
 *       happens when the clients wait for the replies (one request in flight, the next sent after the
 *       reply), where pausing only adds delay. Then no pause for {@code backoff} batches, doubling from
 *       {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF} while pauses keep failing, back to the minimum after one
 *       that paid.</li>
 * </ul>
 * Pure: the caller passes the kernel timestamps; no clock is read here. One per receive thread.
 */
public final class GatherPolicy {
    /** Datagrams a pause must be expected to gather (and must have gathered) to be worth its wake-up. */
    static final double MIN_EXPECTED = 2.0;
    static final int MIN_BACKOFF = 64;
    static final int MAX_BACKOFF = 4096;
    /** Weight of the newest batch in the running mean gap. */
    static final double GAIN = 1.0 / 8;
    /** A gap longer than this is idleness, not a rate: clipped so one quiet second does not dominate. */
    static final long MAX_GAP_NANOS = 10_000_000L;

    private final long maxWaitNanos;
    private final int targetBatch;
    private final int deepBatch;
    private double meanGapNanos = MAX_GAP_NANOS;
    private long lastStamp;
    private boolean haveGap;
    private boolean paused;
    private int suppressed;
    private int backoff = MIN_BACKOFF;
    private long pauses;
    private long failedPauses;

    /**
     * @param maxWaitNanos longest pause (0: never pause)
     * @param targetBatch  datagrams a pause aims to gather
     * @param deepBatch    a batch this large needs no pause
     */
    public GatherPolicy(long maxWaitNanos, int targetBatch, int deepBatch) {
        if (maxWaitNanos < 0 || targetBatch < 1 || deepBatch < 1) {
            throw new IllegalArgumentException("maxWait >= 0, targetBatch >= 1, deepBatch >= 1");
        }
        this.maxWaitNanos = maxWaitNanos;
        this.targetBatch = targetBatch;
        this.deepBatch = deepBatch;
    }

    /**
     * A batch of {@code n} datagrams was received, the last one kernel-stamped at {@code lastStampNanos}
     * (CLOCK_REALTIME; 0 when none was stamped). Returns how long to pause before the next receive (0: none).
     */
    public long afterBatch(int n, long lastStampNanos) {
        if (n <= 0) {
            return 0;
        }
        if (lastStampNanos != 0) {
            if (lastStamp != 0) {
                long gap = Math.clamp((lastStampNanos - lastStamp) / n, 0, MAX_GAP_NANOS);
                meanGapNanos = haveGap ? meanGapNanos + GAIN * (gap - meanGapNanos) : gap;
                haveGap = true;
            }
            lastStamp = lastStampNanos;
        }
        if (paused) {
            paused = false;
            if (n < MIN_EXPECTED) {
                failedPauses++;
                suppressed = backoff;
                backoff = Math.min(MAX_BACKOFF, backoff * 2);
                return 0;
            }
            backoff = MIN_BACKOFF;
        }
        if (maxWaitNanos == 0 || n >= deepBatch) {
            return 0;
        }
        if (suppressed > 0) {
            suppressed--;
            return 0;
        }
        if (maxWaitNanos < MIN_EXPECTED * meanGapNanos) {
            return 0;
        }
        paused = true;
        pauses++;
        return Math.min(maxWaitNanos, (long) (targetBatch * meanGapNanos));
    }

    /** The running mean gap between arrivals, nanoseconds. */
    public double meanGapNanos() {
        return meanGapNanos;
    }

    /** Pauses taken, and those after which fewer than two datagrams were waiting (for the log). */
    public long pauses() {
        return pauses;
    }

    public long failedPauses() {
        return failedPauses;
    }
}
