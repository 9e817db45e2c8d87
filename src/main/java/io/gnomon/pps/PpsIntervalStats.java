package io.gnomon.pps;

import io.gnomon.time.HostTime;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;

/**
 * Interval statistics over a run of PPS edges, for diagnostics ({@code gnomon pps-check}): how many edges, how many
 * missing or extra, the mean interval and the jitter (standard deviation of interval − 1 s).
 *
 * <p>Each edge is measured against the last accepted edge. An interval within {@link #WINDOW_NANOS} of a whole
 * number k ≥ 1 of seconds is accepted: k − 1 edges were missing, and only k = 1 intervals feed the mean and jitter.
 * Anything else (too soon, or between two whole seconds) is an extra edge and is not used as the next reference.
 * Sequence numbers are checked separately: a jump of more than one means the source counted edges this reader did
 * not see. All edges of a run must be in one clock domain; an edge in another domain is counted and ignored.
 */
public final class PpsIntervalStats {

    public static final long SECOND_NANOS = 1_000_000_000L;
    /** Accept an interval within ±100 ms of a whole second (gpsd's PPS thread accepts 900–1100 ms). */
    public static final long WINDOW_NANOS = 100_000_000L;

    /** How one edge related to the run so far. */
    public enum Kind { FIRST, ONE_SECOND, AFTER_GAP, EXTRA, OTHER_DOMAIN }

    /**
     * What {@link #accept} made of one edge.
     *
     * @param intervalNanos   nanoseconds since the last accepted edge (0 for the first edge or another domain)
     * @param missing         edges missing before this one (AFTER_GAP)
     * @param sequenceSkipped sequence numbers skipped since the previous edge (0 when consecutive)
     */
    public record Step(PpsEdge edge, Kind kind, long intervalNanos, long missing, long sequenceSkipped) {}

    /** The run's figures; mean and jitter are NaN with fewer than one (mean) or two (jitter) one-second intervals. */
    public record Summary(long edges, long oneSecondIntervals, long missing, long extra, long sequenceSkipped,
                          long sequenceResets, long otherDomain, double meanIntervalNanos, double jitterNanos) {}

    private long edges;
    private long missing;
    private long extra;
    private long sequenceSkipped;
    private long sequenceResets;
    private long otherDomain;
    private Class<? extends HostTime> domain;
    private PpsEdge reference;
    private long lastSequence = -1;
    // Welford's running mean and sum of squared deviations of (interval - 1 s), in nanoseconds.
    private long n;
    private double mean;
    private double m2;

    public Step accept(PpsEdge edge) {
        if (domain == null) {
            domain = edge.timestamp().getClass();
        } else if (domain != edge.timestamp().getClass()) {
            otherDomain++;
            return new Step(edge, Kind.OTHER_DOMAIN, 0, 0, 0);
        }
        edges++;
        long skipped = 0;
        if (lastSequence >= 0) {
            long diff = edge.sequence() - lastSequence;
            if (diff > 1) {
                skipped = diff - 1;
                sequenceSkipped += skipped;
            } else if (diff <= 0) {
                sequenceResets++;
            }
        }
        lastSequence = edge.sequence();
        if (reference == null) {
            reference = edge;
            return new Step(edge, Kind.FIRST, 0, 0, skipped);
        }
        long interval = nanos(edge.timestamp()) - nanos(reference.timestamp());
        long seconds = Math.round((double) interval / SECOND_NANOS);
        long off = interval - seconds * SECOND_NANOS;
        if (seconds < 1 || Math.abs(off) > WINDOW_NANOS) {
            extra++;
            return new Step(edge, Kind.EXTRA, interval, 0, skipped);
        }
        reference = edge;
        if (seconds == 1) {
            n++;
            double delta = off - mean;
            mean += delta / n;
            m2 += delta * (off - mean);
            return new Step(edge, Kind.ONE_SECOND, interval, 0, skipped);
        }
        missing += seconds - 1;
        return new Step(edge, Kind.AFTER_GAP, interval, seconds - 1, skipped);
    }

    public Summary summary() {
        double meanInterval = n == 0 ? Double.NaN : SECOND_NANOS + mean;
        double jitter = n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
        return new Summary(edges, n, missing, extra, sequenceSkipped, sequenceResets, otherDomain, meanInterval, jitter);
    }

    private static long nanos(HostTime t) {
        return switch (t) {
            case RealtimeTime r -> r.epochNanos();
            case MonotonicTime m -> m.nanos();
        };
    }
}
