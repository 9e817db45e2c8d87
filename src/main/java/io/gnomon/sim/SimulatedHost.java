package io.gnomon.sim;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;

/**
 * The simulated machine: true time (from the virtual clock), and the host's CLOCK_MONOTONIC and CLOCK_REALTIME,
 * both counted by the same imperfect oscillator. CLOCK_REALTIME starts {@code bootErrorNanos} away from true UTC.
 * Like Linux, the host clock can be stepped ({@link #stepRealtime}: CLOCK_REALTIME only, so the bridge
 * realtime − monotonic jumps) and its rate steered ({@link #setRate}: the kernel frequency correction, which both
 * clocks follow, so the bridge stays put). The changes take effect at the virtual clock's present; asking for a
 * time before the last step answers in the current scale.
 */
public final class SimulatedHost {
    private final VirtualClock clock;
    private final Oscillator oscillator;
    private final LeapSecondTable leaps;
    private final TaiTime startTai;
    private final long monotonicOrigin;
    private long realtimeOrigin;

    /** From true time {@code trueStart} on, the host counts {@code 1 + rate} nanoseconds per oscillator nanosecond. */
    private record RateSegment(long trueStart, long oscillatorStart, long hostStart, double rate) {
    }

    private final java.util.List<RateSegment> segments = new java.util.ArrayList<>();

    public SimulatedHost(VirtualClock clock, Oscillator oscillator, LeapSecondTable leaps, UtcTime start,
                         long bootErrorNanos, long monotonicOrigin) {
        this.clock = clock;
        this.oscillator = oscillator;
        this.leaps = leaps;
        this.startTai = leaps.toTai(start, false);
        this.monotonicOrigin = monotonicOrigin;
        this.realtimeOrigin = start.epochNanos() + bootErrorNanos;
        segments.add(new RateSegment(Long.MIN_VALUE, 0, 0, 0));
    }

    /** Another process (or the kernel) steps CLOCK_REALTIME by {@code deltaNanos} now. */
    public void stepRealtime(long deltaNanos) {
        realtimeOrigin += deltaNanos;
    }

    /** The kernel's frequency correction (fractional; 1e-6 is +1 ppm) applies from now on. */
    public void setRate(double rate) {
        long now = clock.nowNanos();
        RateSegment last = segments.getLast();
        if (last.trueStart() == now) {
            segments.removeLast();
            last = segments.getLast();
        }
        long oscillatorNow = oscillator.hostNanosAt(now);
        segments.add(new RateSegment(now, oscillatorNow, elapsed(last, oscillatorNow), rate));
    }

    /** The kernel's frequency correction in force now. */
    public double rate() {
        return segments.getLast().rate();
    }

    /** The host clock's fractional frequency error at {@code trueNanos}: oscillator and kernel correction together. */
    public double fractionalFrequencyAt(long trueNanos) {
        return (1 + oscillator.fractionalFrequencyAt(trueNanos)) * (1 + segmentAt(trueNanos).rate()) - 1;
    }

    private static long elapsed(RateSegment s, long oscillatorNanos) {
        return s.hostStart() + Math.round((oscillatorNanos - s.oscillatorStart()) * (1 + s.rate()));
    }

    private RateSegment segmentAt(long trueNanos) {
        for (int i = segments.size() - 1; i > 0; i--) {
            if (segments.get(i).trueStart() <= trueNanos) {
                return segments.get(i);
            }
        }
        return segments.getFirst();
    }

    /** Host nanoseconds counted after {@code trueNanos} (both clocks count these). */
    private long hostNanosAt(long trueNanos) {
        return elapsed(segmentAt(trueNanos), oscillator.hostNanosAt(trueNanos));
    }

    public VirtualClock clock() {
        return clock;
    }

    public Oscillator oscillator() {
        return oscillator;
    }

    public LeapSecondTable leaps() {
        return leaps;
    }

    public TaiTime trueTai(long trueNanos) {
        return startTai.plusNanos(trueNanos);
    }

    public UtcTime trueUtc(long trueNanos) {
        return leaps.toUtc(trueTai(trueNanos));
    }

    /** True nanoseconds (since scenario start) of a continuous time. */
    public long trueNanosOf(TaiTime tai) {
        return tai.nanosSince(startTai);
    }

    public MonotonicTime monotonicAt(long trueNanos) {
        return new MonotonicTime(monotonicOrigin + hostNanosAt(trueNanos));
    }

    public RealtimeTime realtimeAt(long trueNanos) {
        return new RealtimeTime(realtimeOrigin + hostNanosAt(trueNanos));
    }

    /** True nanoseconds at which the host's CLOCK_REALTIME reads {@code t}. */
    public long trueNanosAtRealtime(RealtimeTime t) {
        long target = t.epochNanos() - realtimeOrigin;
        long x = target;
        for (int i = 0; i < 6; i++) {
            x -= hostNanosAt(x) - target;
        }
        return x;
    }

    /** CLOCK_REALTIME − CLOCK_MONOTONIC: changes only when the realtime clock is stepped. */
    public long realtimeMinusMonotonicNanos() {
        return realtimeOrigin - monotonicOrigin;
    }

    public MonotonicClock monotonicClock() {
        return () -> monotonicAt(clock.nowNanos());
    }

    public RealtimeClock realtimeClock() {
        return () -> realtimeAt(clock.nowNanos());
    }
}
