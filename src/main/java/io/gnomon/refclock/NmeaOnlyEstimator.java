package io.gnomon.refclock;

import io.gnomon.discipline.ClockEstimate;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * Time from the receiver's sentences alone, for when there is no PPS: each epoch's first byte arrived its
 * (PPS-calibrated) delay after its second began. Millisecond accuracy at best; the bound says so.
 */
final class NmeaOnlyEstimator {
    private static final long NS = 1_000_000_000L;
    private static final int KEEP = 8;
    private static final double FLOOR_NANOS = 1e6;

    private record Sample(long tai, double offset) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    void clear() {
        samples.clear();
    }

    /** The host clock was stepped by {@code deltaNanos}: the stored offsets move with it. */
    void stepped(long deltaNanos) {
        reexpress(x -> new Sample(x.tai(), x.offset() + deltaNanos));
    }

    /** The host clock runs {@code 1 + rateChange} as fast from realtime {@code at} on (see ClockModel). */
    void rateChanged(RealtimeTime at, double rateChange) {
        reexpress(x -> {
            double realtime = x.tai() + x.offset();
            return new Sample(x.tai(), x.offset() - (at.epochNanos() - realtime) * rateChange);
        });
    }

    private void reexpress(java.util.function.UnaryOperator<Sample> f) {
        java.util.List<Sample> moved = samples.stream().map(f).toList();
        samples.clear();
        samples.addAll(moved);
    }

    /** The epoch naming {@code second} had its first byte at host {@code firstByte}, {@code delayNanos} after the edge. */
    void add(TaiTime second, RealtimeTime firstByte, long delayNanos) {
        Sample s = new Sample(second.nanos(), (double) (firstByte.epochNanos() - second.nanos() - delayNanos));
        if (!samples.isEmpty()) {
            Sample last = samples.getLast();
            double elapsed = (s.tai() - last.tai()) / (double) NS;
            if (elapsed <= 0 || elapsed > 10 || Math.abs(s.offset() - last.offset()) > 50e6 + 100e-6 * elapsed * NS) {
                samples.clear(); // a jump: the receiver changed its mind about the second, or we lost track
            }
        }
        samples.addLast(s);
        while (samples.size() > KEEP) {
            samples.removeFirst();
        }
    }

    /** An estimate once three consistent epochs are in, using the PPS model's frequency when there is one. */
    Optional<ClockEstimate> estimate(long delaySpreadNanos, Optional<ClockEstimate> pps) {
        if (samples.size() < 3) {
            return Optional.empty();
        }
        double frequency = pps.map(ClockEstimate::frequency).orElse(0.0);
        double frequencyError = pps.map(p -> p.frequencyError() + 1e-6).orElse(100e-6);
        long ref = samples.getLast().tai();
        double[] x = samples.stream().mapToDouble(s -> s.offset() - frequency * (s.tai() - ref)).toArray();
        Arrays.sort(x);
        double median = x[x.length / 2];
        double spread = x[x.length - 1] - x[0];
        return Optional.of(new ClockEstimate(new TaiTime(ref), median, frequency,
                FLOOR_NANOS + spread + delaySpreadNanos, frequencyError, 1e-18, 1e-10, spread / 2, samples.size()));
    }
}
