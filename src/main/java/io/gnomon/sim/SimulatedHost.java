package io.gnomon.sim;

import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;

/**
 * The simulated machine: true time (from the virtual clock), and the host's CLOCK_MONOTONIC and CLOCK_REALTIME,
 * both counted by the same imperfect oscillator. CLOCK_REALTIME starts {@code bootErrorNanos} away from true UTC
 * and is never corrected (nothing disciplines the simulated host clock).
 */
public final class SimulatedHost {
    private final VirtualClock clock;
    private final Oscillator oscillator;
    private final LeapSecondTable leaps;
    private final TaiTime startTai;
    private final long monotonicOrigin;
    private final long realtimeOrigin;

    public SimulatedHost(VirtualClock clock, Oscillator oscillator, LeapSecondTable leaps, UtcTime start,
                         long bootErrorNanos, long monotonicOrigin) {
        this.clock = clock;
        this.oscillator = oscillator;
        this.leaps = leaps;
        this.startTai = leaps.toTai(start, false);
        this.monotonicOrigin = monotonicOrigin;
        this.realtimeOrigin = start.epochNanos() + bootErrorNanos;
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
        return new MonotonicTime(monotonicOrigin + oscillator.hostNanosAt(trueNanos));
    }

    public RealtimeTime realtimeAt(long trueNanos) {
        return new RealtimeTime(realtimeOrigin + oscillator.hostNanosAt(trueNanos));
    }

    /** True nanoseconds at which the host's CLOCK_REALTIME reads {@code t}. */
    public long trueNanosAtRealtime(RealtimeTime t) {
        return oscillator.trueNanosAtHost(t.epochNanos() - realtimeOrigin);
    }

    /** CLOCK_REALTIME − CLOCK_MONOTONIC: constant here, as nothing steps the simulated clock. */
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
