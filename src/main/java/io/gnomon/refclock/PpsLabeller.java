package io.gnomon.refclock;

import io.gnomon.gps.EpochTime;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Gives PPS edges their UTC second. Edges are first put on a one-second grid (edges off it are spurious); each
 * receiver epoch is then tied to the grid edge its first byte follows (or precedes, for receivers that talk
 * before the edge), which measures the NMEA delay. Only when the delays are unambiguous and
 * {@code verifyCount} seconds in a row agree is the receiver believed; from then on each edge is labelled by
 * counting grid seconds from that anchor, and every further epoch must agree with the count. A disagreement is
 * never resolved by guessing: the label is withheld, and only a new run of agreeing seconds moves the anchor.
 */
public final class PpsLabeller {
    private static final long NS = 1_000_000_000L;
    private static final int KEEP_EDGES = 8;
    private static final int MAX_START_CANDIDATES = 32;
    /**
     * The receiver may move its count by this many seconds at most and be followed (once it persists): a second
     * miscounted across a missing or extra edge. A bigger jump (a spoofer, a receiver gone wrong) is refused.
     */
    static final long MAX_FOLLOWED_STEP_SECONDS = 1;

    private record GridEdge(long index, long sequence, MonotonicTime monotonic, RealtimeTime realtime) {
    }

    private record Candidate(long index, TaiTime second) {
        long secondAtIndexZero() {
            return second.nanos() - index * NS;
        }
    }

    private final LabellerConfig config;
    private final LeapSecondTable leaps;
    private final Counters counters;
    private final DelayWindow delays;
    private final GridTolerance tolerance = new GridTolerance();

    private boolean hasGrid;
    private long gridIndex;
    private long gridEdgeMono;
    private final Deque<Long> startCandidates = new ArrayDeque<>();
    private int offGridRun;
    private double frequency; // host fractional frequency offset, from the clock model
    private final Deque<GridEdge> recent = new ArrayDeque<>();

    private Candidate anchor;
    private long lastConfirmedIndex;
    private long anchorGeneration;
    private boolean anchorLostWithGrid;
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<Candidate> dissent = new ArrayList<>();
    private String reason = "waiting for PPS edges";
    private String refusedJump;

    public PpsLabeller(LabellerConfig config, LeapSecondTable leaps, Counters counters) {
        this.config = config;
        this.leaps = leaps;
        this.counters = counters;
        this.delays = new DelayWindow(config.window());
    }

    /** The clock model's estimate of the host's fractional frequency error, to predict the next edge better. */
    public void setFrequency(double fractional) {
        if (Double.isFinite(fractional) && Math.abs(fractional) < 500e-6) {
            this.frequency = fractional;
        }
    }

    /** True while edges are being labelled: the receiver was verified and keeps confirming the count. */
    public boolean verified() {
        return anchor != null && hasGrid && gridIndex - lastConfirmedIndex <= config.maxUnconfirmedSeconds();
    }

    /** Why edges are not being labelled (or what was last wrong), in operator words. */
    public String reason() {
        return reason;
    }

    /** Why the receiver's time is being refused (a jump away from the count), until it agrees again; null if not. */
    public String refusedJump() {
        return refusedJump;
    }

    /** Changes whenever the anchor moves: labels before and after a change are not comparable. */
    public long anchorGeneration() {
        return anchorGeneration;
    }

    /**
     * True when the anchor was last given up because the PPS grid was lost (a gap, pulses off the grid): the labels
     * before were right, only the count was interrupted. False when it moved because the receiver's seconds moved
     * (a followed step): the labels before may have been a second off.
     */
    public boolean anchorLostWithGrid() {
        return anchorLostWithGrid;
    }

    /** Median NMEA first-byte delay after the edge (lead before it, for early senders), once measured. */
    public long delayMedianNanos() {
        return delays.median();
    }

    public long delaySpreadNanos() {
        return delays.max() - delays.min();
    }

    public int delaySamples() {
        return delays.size();
    }

    /** The delay distribution is unambiguous (see {@link LabellerConfig}). */
    public boolean delayUnambiguous() {
        return ambiguity() == null;
    }

    /** One PPS edge, stamped in both host domains. Returns the labelled edge, if it can be labelled now. */
    public List<LabelledEdge> onEdge(long sequence, MonotonicTime mono, RealtimeTime realtime) {
        if (hasGrid && mono.nanos() - gridEdgeMono > 60 * NS) {
            dropGrid("no PPS edge for over 60 s");
        }
        if (!hasGrid) {
            startGrid(sequence, mono, realtime);
            return List.of();
        }
        double period = NS * (1 + frequency);
        long elapsed = mono.nanos() - gridEdgeMono;
        long n = Math.round(elapsed / period);
        if (n < 1) {
            counters.add("PPS edge less than a second after the previous one");
            return List.of();
        }
        double residual = elapsed - n * period;
        if (n == 1) {
            tolerance.observe(residual);
        }
        if (Math.abs(residual) > tolerance.nanos(n)) {
            counters.add("PPS edge off the one-second grid");
            // five off-grid edges in a row over at least 4.5 s: the grid has moved (a burst of spurious pulses
            // between two true edges is not a moved grid)
            if (++offGridRun >= 5 && mono.nanos() - gridEdgeMono >= 4_500_000_000L) {
                dropGrid("PPS edges no longer on one grid");
            }
            return List.of();
        }
        offGridRun = 0;
        gridIndex += n;
        gridEdgeMono = mono.nanos();
        remember(new GridEdge(gridIndex, sequence, mono, realtime));
        if (verified()) {
            return List.of(label(recent.getLast()));
        }
        if (anchor != null) {
            reason = "no receiver epoch has confirmed the PPS count for " + (gridIndex - lastConfirmedIndex) + " s"
                    + (refusedJump == null ? "" : " (" + refusedJump + ")");
        }
        return List.of();
    }

    /** How far an edge may fall off the grid now (nanoseconds, excluding the per-second term): learnt from the edges. */
    public long gridToleranceNanos() {
        return tolerance.learntNanos();
    }

    private void startGrid(long sequence, MonotonicTime mono, RealtimeTime realtime) {
        // any earlier pulse of the last few seconds may be the one this edge is whole seconds after (spurious
        // pulses in between must not hide the true pair)
        startCandidates.removeIf(c -> mono.nanos() - c > 3 * NS + tolerance.nanos(3));
        if (!startCandidates.isEmpty()) {
            // learn the spread before there is a grid too: a PPS scattering more than the floor must get one
            long elapsed = mono.nanos() - startCandidates.getLast();
            long n = Math.round(elapsed / (double) NS);
            if (n == 1) {
                tolerance.observe(elapsed - (double) NS);
            }
        }
        for (long candidate : startCandidates) {
            long elapsed = mono.nanos() - candidate;
            long n = Math.round(elapsed / (double) NS);
            if (n >= 1 && n <= 3 && Math.abs(elapsed - n * NS) <= tolerance.nanos(n)) {
                hasGrid = true;
                gridIndex = n;
                gridEdgeMono = mono.nanos();
                offGridRun = 0;
                remember(new GridEdge(n, sequence, mono, realtime));
                reason = "measuring the NMEA delay";
                startCandidates.clear();
                return;
            }
        }
        startCandidates.addLast(mono.nanos());
        while (startCandidates.size() > MAX_START_CANDIDATES) {
            startCandidates.removeFirst();
        }
        reason = "waiting for PPS edges one second apart";
    }

    private void remember(GridEdge e) {
        recent.addLast(e);
        while (recent.size() > KEEP_EDGES) {
            recent.removeFirst();
        }
    }

    private void dropGrid(String why) {
        hasGrid = false;
        startCandidates.clear();
        recent.clear();
        candidates.clear();
        dissent.clear();
        delays.clear();
        if (anchor != null) {
            anchor = null;
            anchorGeneration++;
            anchorLostWithGrid = true;
        }
        reason = why;
        counters.add(why);
    }

    private LabelledEdge label(GridEdge e) {
        return new LabelledEdge(e.sequence(), e.monotonic(), e.realtime(),
                new TaiTime(anchor.second().nanos() + (e.index() - anchor.index()) * NS));
    }

    private String ambiguity() {
        if (delays.size() < config.verifyCount()) {
            return "measuring the NMEA delay (" + delays.size() + " of " + config.verifyCount() + " samples)";
        }
        if (delays.min() < config.minDelayNanos() || delays.max() > config.maxDelayNanos()) {
            return "NMEA " + (config.sendsBeforeEdge() ? "lead" : "delay") + " " + ms(delays.min()) + "–" + ms(delays.max())
                    + " ms is outside " + ms(config.minDelayNanos()) + "–" + ms(config.maxDelayNanos())
                    + " ms: the second is ambiguous";
        }
        if (delays.max() - delays.min() > config.maxSpreadNanos()) {
            return "NMEA delay spreads " + ms(delays.max() - delays.min()) + " ms (limit " + ms(config.maxSpreadNanos())
                    + " ms): the second is ambiguous";
        }
        return null;
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /** One receiver cycle. Returns edges labelled because of it (the first ones, once the receiver is verified). */
    public List<LabelledEdge> onEpoch(EpochTime epoch) {
        if (!hasGrid) {
            counters.add("receiver epoch before PPS edges are on a grid");
            return List.of();
        }
        double period = NS * (1 + frequency);
        long a = epoch.firstByteArrival().nanos();
        long k = (long) Math.floor((a - gridEdgeMono) / period);
        long d = Math.round(a - (gridEdgeMono + k * period));
        long edgeIndex = gridIndex + k;
        long delay = d;
        if (config.sendsBeforeEdge()) {
            edgeIndex += 1;
            delay = Math.round(period) - d;
        }
        delays.add(delay);
        String ambiguous = ambiguity();
        boolean measuring = delays.size() < config.verifyCount();
        if (ambiguous != null && !measuring) {
            reason = ambiguous;
            counters.add("epoch not used: NMEA delay ambiguous or unmeasured");
            candidates.clear();
            return List.of();
        }
        if (epoch instanceof EpochTime.Refused r) {
            counters.add("receiver: " + r.reason());
            if (anchor == null) {
                reason = "receiver: " + r.reason();
            }
            return List.of();
        }
        EpochTime.Asserted asserted = (EpochTime.Asserted) epoch;
        if (asserted.second().compareTo(config.earliestPlausible()) < 0) {
            counters.add("receiver date before the earliest plausible date");
            reason = "receiver says " + asserted.second() + ", before " + config.earliestPlausible().toInstant().toString().substring(0, 10)
                    + ": not believed (cold start or week rollover?)";
            candidates.clear();
            return List.of();
        }
        if (asserted.leapSecond() && !leaps.insertsAfter(asserted.second().epochSecond())) {
            counters.add("receiver printed 23:59:60 that the leap-second table does not know");
            reason = "receiver printed 23:59:60 on a day the leap-second table has no leap";
            return List.of();
        }
        Candidate c = new Candidate(edgeIndex, leaps.toTai(asserted.second(), asserted.leapSecond()));
        if (anchor != null && measuring) {
            return List.of();
        }
        return anchor != null ? confirm(c) : verify(c);
    }

    private TaiTime second(long index) {
        return new TaiTime(anchor.second().nanos() + (index - anchor.index()) * NS);
    }

    private List<LabelledEdge> confirm(Candidate c) {
        if (second(c.index()).equals(c.second())) {
            lastConfirmedIndex = Math.max(lastConfirmedIndex, c.index());
            dissent.clear();
            refusedJump = null;
            return List.of();
        }
        long step = Math.floorDiv(c.second().nanos() - second(c.index()).nanos(), NS);
        if (Math.abs(step) > MAX_FOLLOWED_STEP_SECONDS) {
            // never followed: the count keeps its verified anchor until the receiver agrees with it again
            counters.add("receiver time jumped away from the PPS count: refused");
            refusedJump = "receiver time jumped " + (step > 0 ? "+" : "") + step + " s from the PPS count: refused";
            reason = refusedJump;
            dissent.clear();
            return List.of();
        }
        counters.add("receiver second disagrees with the PPS count");
        reason = "receiver second disagrees with the PPS count";
        if (!dissent.isEmpty() && dissent.getLast().secondAtIndexZero() != c.secondAtIndexZero()) {
            dissent.clear();
        }
        dissent.add(c);
        if (dissent.size() >= config.verifyCount()) {
            // the receiver has consistently changed its mind: start over from its new count, re-verified
            anchor = null;
            anchorGeneration++;
            anchorLostWithGrid = false;
            candidates.clear();
            candidates.addAll(dissent);
            dissent.clear();
            return verify(candidates.removeLast());
        }
        return List.of();
    }

    private List<LabelledEdge> verify(Candidate c) {
        if (!candidates.isEmpty() && (candidates.getLast().secondAtIndexZero() != c.secondAtIndexZero()
                || candidates.getLast().index() >= c.index())) {
            candidates.clear();
        }
        candidates.add(c);
        String ambiguous = ambiguity();
        if (candidates.size() < config.verifyCount() || ambiguous != null) {
            if (ambiguous != null) {
                reason = ambiguous;
                return List.of();
            }
            reason = "verifying the receiver's time (" + candidates.size() + " of " + config.verifyCount() + " seconds agree)";
            return List.of();
        }
        anchor = c;
        anchorGeneration++;
        lastConfirmedIndex = c.index();
        long firstIndex = candidates.getFirst().index();
        candidates.clear();
        reason = "receiver time verified";
        List<LabelledEdge> out = new ArrayList<>();
        for (GridEdge e : recent) {
            if (e.index() >= firstIndex) {
                out.add(label(e));
            }
        }
        return out;
    }
}
