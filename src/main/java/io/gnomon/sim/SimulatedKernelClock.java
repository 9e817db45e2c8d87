package io.gnomon.sim;

import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockAdjustment;
import io.gnomon.discipline.KernelClockState;
import io.gnomon.discipline.KernelLeap;

/**
 * The kernel clock of a {@link SimulatedHost}, behaving like Linux's clock_adjtime as far as Gnomon uses it: the
 * frequency correction is limited to ±500 ppm and kept in units of 2⁻¹⁶ ppm and steers both CLOCK_REALTIME and
 * CLOCK_MONOTONIC; ADJ_SETOFFSET steps CLOCK_REALTIME only; maxerror grows by 500 µs a second on its own; with
 * STA_INS (STA_DEL) set, CLOCK_REALTIME is set back (forward) one second when it reaches the next UTC midnight
 * (23:59:59), after which the state is TIME_WAIT until the bit is cleared.
 */
public final class SimulatedKernelClock implements KernelClock {
    private static final long NS = 1_000_000_000L;
    private static final long DAY = 86_400L * NS;
    private static final double LIMIT_PPM = 500;
    private static final int STA_INS = 0x0010;
    private static final int STA_DEL = 0x0020;
    private static final int STA_UNSYNC = 0x0040;
    private static final int TIME_OK = 0;
    private static final int TIME_INS = 1;
    private static final int TIME_DEL = 2;
    private static final int TIME_WAIT = 4;
    private static final int TIME_ERROR = 5;

    private final SimulatedHost host;
    private double frequencyPpm;
    private long maxErrorMicros = 16_000_000L;
    private long maxErrorSetAt;
    private long estErrorMicros = 16_000_000L;
    private boolean unsynchronised = true;
    private KernelLeap leap = KernelLeap.NONE;
    private boolean leapDone;
    private long leapArmedFor = Long.MIN_VALUE; // the realtime midnight a pending leap is scheduled for
    private long steps;
    private long leapsApplied;

    /** @param frequencyPpm the frequency correction the kernel has at start (left by an earlier daemon) */
    public SimulatedKernelClock(SimulatedHost host, double frequencyPpm) {
        this.host = host;
        this.frequencyPpm = quantise(frequencyPpm);
        host.setRate(this.frequencyPpm * 1e-6);
    }

    private static double quantise(double ppm) {
        double limited = Math.max(-LIMIT_PPM, Math.min(LIMIT_PPM, ppm));
        return Math.round(limited * 65_536) / 65_536.0;
    }

    @Override
    public KernelClockState read() {
        long grown = (host.clock().nowNanos() - maxErrorSetAt) / 2_000_000L; // 500 ppm: 1 µs per 2 ms
        long maxError = Math.min(16_000_000L, maxErrorMicros + grown);
        int status = (unsynchronised ? STA_UNSYNC : 0) | (leap == KernelLeap.INSERT ? STA_INS : 0)
                | (leap == KernelLeap.DELETE ? STA_DEL : 0);
        int state = unsynchronised ? TIME_ERROR : leapDone ? TIME_WAIT
                : leap == KernelLeap.INSERT ? TIME_INS : leap == KernelLeap.DELETE ? TIME_DEL : TIME_OK;
        return new KernelClockState(frequencyPpm, 10_000, maxError, estErrorMicros, unsynchronised, leap, status, 0,
                state);
    }

    @Override
    public KernelClockState adjust(KernelClockAdjustment a) {
        a.stepNanos().ifPresent(d -> {
            host.stepRealtime(d);
            steps++;
        });
        a.frequencyPpm().ifPresent(ppm -> {
            frequencyPpm = quantise(ppm);
            host.setRate(frequencyPpm * 1e-6);
        });
        if (a.maxErrorMicros().isPresent()) {
            maxErrorMicros = a.maxErrorMicros().getAsLong();
            maxErrorSetAt = host.clock().nowNanos();
        }
        a.estErrorMicros().ifPresent(e -> estErrorMicros = e);
        a.synchronised().ifPresent(sync -> unsynchronised = !sync);
        a.leap().ifPresent(l -> {
            if (l == KernelLeap.NONE) {
                leapDone = false;
                leapArmedFor = Long.MIN_VALUE;
            }
            leap = l;
            armLeap();
        });
        return read();
    }

    /** Schedules the pending leap at the realtime midnight ahead (re-checked there: the rate may have changed). */
    private void armLeap() {
        if (leap == KernelLeap.NONE || leapDone) {
            return;
        }
        long realNow = host.realtimeAt(host.clock().nowNanos()).epochNanos();
        long midnight = Math.floorDiv(realNow, DAY) * DAY + DAY;
        long at = leap == KernelLeap.INSERT ? midnight : midnight - NS; // a deleted second: 23:59:59 is skipped
        if (leapArmedFor == at) {
            return;
        }
        leapArmedFor = at;
        scheduleLeapCheck(at);
    }

    private void scheduleLeapCheck(long realtimeAt) {
        long when = host.trueNanosAtRealtime(new io.gnomon.time.RealtimeTime(realtimeAt));
        host.clock().schedule(Math.max(when, host.clock().nowNanos()), () -> {
            if (leap == KernelLeap.NONE || leapDone || leapArmedFor != realtimeAt) {
                return;
            }
            long realNow = host.realtimeAt(host.clock().nowNanos()).epochNanos();
            if (realNow < realtimeAt) {
                host.clock().schedule(host.clock().nowNanos() + Math.max(1, realtimeAt - realNow), () -> scheduleLeapCheck(realtimeAt));
                return;
            }
            host.stepRealtime(leap == KernelLeap.INSERT ? -NS : NS);
            leapDone = true;
            leapsApplied++;
        });
    }

    /** ADJ_SETOFFSET steps made so far. */
    public long steps() {
        return steps;
    }

    /** Leap seconds the kernel has applied. */
    public long leapsApplied() {
        return leapsApplied;
    }
}
