package io.gnomon.sim;

import io.gnomon.pps.PpsEdge;
import io.gnomon.time.HostTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.random.RandomGenerator;

/**
 * A pulse-per-second source: an edge at each true second (each SI second, the inserted leap second included)
 * plus Gaussian jitter, occasionally missing, with spurious pulses at random times; stamped by the host in the
 * domain a real source uses (kernel PPS: CLOCK_REALTIME; gpiod: CLOCK_MONOTONIC).
 */
public final class SimulatedPps {

    public enum Stamping { REALTIME, MONOTONIC }

    /**
     * @param jitterNanos      σ of the Gaussian edge jitter
     * @param missingProbability chance that a second has no edge
     * @param spuriousPerSecond  mean number of extra pulses per second, uniformly placed
     */
    public record Params(long jitterNanos, double missingProbability, double spuriousPerSecond, Stamping stamping) {
        public static Params clean(long jitterNanos) {
            return new Params(jitterNanos, 0, 0, Stamping.REALTIME);
        }
    }

    private final SimulatedHost host;
    private final Params params;
    private final RandomGenerator random;
    private final Consumer<PpsEdge> sink;
    private final LongPredicate present; // true-second index -> is the PPS line connected
    private final Map<Long, Long> trueNanosBySequence = new HashMap<>();
    private final java.util.Set<Long> spuriousSequences = new java.util.HashSet<>();
    private long sequence;
    private long edges;
    private long spurious;

    public SimulatedPps(SimulatedHost host, Params params, RandomGenerator random, LongPredicate present,
                        Consumer<PpsEdge> sink) {
        this.host = host;
        this.params = params;
        this.random = random;
        this.present = present;
        this.sink = sink;
    }

    /** Schedules the first edge; each edge schedules the next. */
    public void start() {
        long startTai = host.trueTai(0).nanos();
        long firstBoundary = Math.floorDiv(startTai, 1_000_000_000L) * 1_000_000_000L + 1_000_000_000L;
        scheduleSecond(firstBoundary - startTai);
    }

    private void scheduleSecond(long trueBoundaryNanos) {
        VirtualClock clock = host.clock();
        long jitter = Math.round(random.nextGaussian() * params.jitterNanos());
        boolean missing = random.nextDouble() < params.missingProbability();
        long at = trueBoundaryNanos + jitter;
        long secondIndex = Math.floorDiv(trueBoundaryNanos, 1_000_000_000L);
        if (!missing && present.test(secondIndex)) {
            clock.schedule(at, () -> fire(at, false));
        }
        if (params.spuriousPerSecond() > 0 && random.nextDouble() < params.spuriousPerSecond() && present.test(secondIndex)) {
            long extra = trueBoundaryNanos + (long) (random.nextDouble() * 1_000_000_000L);
            clock.schedule(extra, () -> fire(extra, true));
        }
        // schedule the next second's decisions shortly after this boundary, so jitter never reorders them
        clock.schedule(trueBoundaryNanos + 1_000_000L, () -> scheduleSecond(trueBoundaryNanos + 1_000_000_000L));
    }

    private void fire(long trueNanos, boolean isSpurious) {
        sequence++;
        if (isSpurious) {
            spurious++;
            spuriousSequences.add(sequence);
        } else {
            edges++;
        }
        trueNanosBySequence.put(sequence, trueNanos);
        HostTime stamp = params.stamping() == Stamping.REALTIME ? host.realtimeAt(trueNanos) : host.monotonicAt(trueNanos);
        sink.accept(new PpsEdge(sequence, stamp));
    }

    /** The true time of an edge this source emitted (for judging labels), or null. */
    public Long trueNanosOf(long sequence) {
        return trueNanosBySequence.get(sequence);
    }

    public boolean isSpurious(long sequence) {
        return spuriousSequences.contains(sequence);
    }

    /** Forget the truth of edges before this sequence (long real-time runs). */
    public void forgetBefore(long sequence) {
        trueNanosBySequence.keySet().removeIf(s -> s < sequence);
        spuriousSequences.removeIf(s -> s < sequence);
    }

    public long edges() {
        return edges;
    }

    public long spuriousEdges() {
        return spurious;
    }
}
