package io.gnomon.discipline;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kernel-discipline actuator: steers the host's CLOCK_REALTIME to the model's UTC through a {@link KernelClock},
 * so that other programs on the host get good time. NTP replies do not depend on it: they are still served through
 * the model's estimate, which is told of every adjustment made here ({@link HostClockListener}) and so stays exact
 * whatever this loop is doing. Pure: no clock is read here; the caller passes the present in and logs the notes.
 *
 * <p>The law, once a second: with x = host realtime − UTC (per the estimate) and f the host clock's fractional
 * frequency error as the model measures it (kernel correction k included), the oscillator alone runs at
 * f₀ = (1 + f)/(1 + k) − 1; the kernel frequency is set to k' = (1 − x/τ)/(1 + f₀) − 1, clamped to ±500 ppm. The
 * frequency term cancels the oscillator's error outright (the model's frequency is the integral part of a PI loop,
 * measured rather than accumulated), and the offset drains exponentially with time constant τ. A step
 * (ADJ_SETOFFSET) is made only when |x| exceeds the step threshold before the clock first settles (like chrony's
 * makestep), or at any time when so configured.
 */
public final class KernelDiscipline {
    private static final double KERNEL_LIMIT_PPM = 500;

    /**
     * @param timeConstantSeconds τ of the offset drain. 16 s: many times the 1 s update (the discrete loop has gain
     *                            1/16 per update, far from unstable), short enough to settle within minutes, and long
     *                            enough that the estimate's offset noise (~0.1–0.3 µs with σ_PPS 1 µs) steers the
     *                            frequency by ≤ 20 ppb, i.e. the host clock is a low-passed copy of the estimate
     * @param stepThresholdNanos  |offset| above which the clock is stepped rather than slewed (0.1 s)
     * @param stepAfterSettled    steps allowed after the clock first settled (false: a later offset is slewed, at
     *                            most 500 ppm, 1.8 s an hour — while served time stays right)
     * @param maxFrequencyPpm     the largest correction ever asked for (the kernel's own limit is ±500 ppm)
     */
    public record Settings(double timeConstantSeconds, long stepThresholdNanos, boolean stepAfterSettled,
                           double maxFrequencyPpm) {
        public static Settings defaults() {
            return new Settings(16, 100_000_000L, false, KERNEL_LIMIT_PPM);
        }
    }

    /** Told of every change made to the host clock, at the moment it is made (the reference clock re-expresses). */
    public interface HostClockListener {
        void stepped(long deltaNanos);

        /** The host clock runs {@code 1 + rateChange} times as fast as before from now on. */
        void rateChanged(double rateChange);
    }

    /**
     * What the reference says now.
     *
     * @param estimate          the serving estimate, if any
     * @param vouched           the reference vouches for the time (PPS locked, holdover within its limit, NMEA only)
     * @param errorBoundSeconds the served time's error bound now
     * @param realtimeNow       host realtime now
     */
    public record Reference(Optional<ClockEstimate> estimate, boolean vouched, double errorBoundSeconds,
                            RealtimeTime realtimeNow) {
    }

    private final KernelClock kernel;
    private final LeapSecondTable leaps;
    private final Settings settings;
    private final HostClockListener listener;
    private double kernelFrequency; // fractional, as last set or read
    private double bestFrequency; // the kernel frequency that cancels the oscillator, as last measured (no drain)
    private boolean steering; // the frequency has been set at least once (else it is as found)
    private boolean started;
    private boolean settled;
    private boolean setOnce;
    private boolean clamped;
    private boolean slewingLarge;
    private Boolean lastSync;
    private KernelLeap lastLeap = KernelLeap.NONE;
    private long steps;

    public KernelDiscipline(KernelClock kernel, LeapSecondTable leaps, Settings settings, HostClockListener listener) {
        this.kernel = kernel;
        this.leaps = leaps;
        this.settings = settings;
        this.listener = listener;
    }

    /** Reads the kernel's state as found (nothing is changed yet); the notes say what it was. */
    public List<String> start() throws KernelClockException {
        KernelClockState s = kernel.read();
        kernelFrequency = s.frequencyPpm() * 1e-6;
        lastLeap = s.leap();
        started = true;
        return List.of(String.format(Locale.ROOT,
                "kernel clock as found: frequency %+.3f ppm, %s, leap %s, maxerror %d µs, esterror %d µs, status 0x%04x,"
                        + " TAI offset %d s; it is left so until the reference vouches for the time",
                s.frequencyPpm(), s.unsynchronised() ? "STA_UNSYNC set" : "STA_UNSYNC clear", s.leap(),
                s.maxErrorMicros(), s.estErrorMicros(), s.status(), s.taiOffsetSeconds()));
    }

    /** The oscillator's own fractional frequency error, given what the model measures with kernel correction k. */
    public static double oscillatorFrequency(double measured, double kernelCorrection) {
        return (1 + measured) / (1 + kernelCorrection) - 1;
    }

    /** What the model measures for an oscillator error under kernel correction k (inverse of the above). */
    public static double measuredFrequency(double oscillator, double kernelCorrection) {
        return (1 + oscillator) * (1 + kernelCorrection) - 1;
    }

    /** The kernel frequency correction now, ppm. */
    public double kernelFrequencyPpm() {
        return kernelFrequency * 1e6;
    }

    /** Steps made so far. */
    public long steps() {
        return steps;
    }

    /** One update (once a second): maybe a step, then frequency, error estimates, status and leap bits. */
    public List<String> update(Reference ref) throws KernelClockException {
        if (!started) {
            throw new IllegalStateException("start() first");
        }
        List<String> notes = new ArrayList<>();
        if (ref.estimate().isEmpty() || !ref.vouched()) {
            if (!Boolean.FALSE.equals(lastSync)) {
                notes.add(unvouched());
                lastSync = false;
            }
            return notes;
        }
        ClockEstimate e = ref.estimate().get();
        TaiTime tai = e.trueTimeAt(ref.realtimeNow());
        UtcTime utc = leaps.toUtc(tai);
        long offset = ref.realtimeNow().epochNanos() - utc.epochNanos();
        if (Math.abs(offset) > settings.stepThresholdNanos() && (!settled || settings.stepAfterSettled())) {
            kernel.adjust(KernelClockAdjustment.none().withStepNanos(-offset));
            listener.stepped(-offset);
            steps++;
            notes.add(String.format(Locale.ROOT, "kernel clock stepped by %+.6f s (it was %s the reference's UTC)",
                    -offset / 1e9, offset > 0 ? "ahead of" : "behind"));
            offset = 0;
        }
        if (Math.abs(offset) <= settings.stepThresholdNanos()) {
            settled = true;
        } else if (!slewingLarge) {
            notes.add(String.format(Locale.ROOT, "kernel clock is %+.6f s off but has settled before: slewing, not"
                    + " stepping (served time is not affected)", offset / 1e9));
        }
        slewingLarge = Math.abs(offset) > settings.stepThresholdNanos();
        double oscillator = oscillatorFrequency(e.frequency(), kernelFrequency);
        double limit = Math.min(settings.maxFrequencyPpm(), KERNEL_LIMIT_PPM) * 1e-6;
        bestFrequency = Math.max(-limit, Math.min(limit, 1 / (1 + oscillator) - 1));
        steering = true;
        double drain = -offset / 1e9 / settings.timeConstantSeconds();
        double wanted = (1 + drain) / (1 + oscillator) - 1;
        double target = Math.max(-limit, Math.min(limit, wanted));
        double bound = ref.errorBoundSeconds();
        long maxError = (long) Math.ceil((Math.abs(offset) / 1e9 + (Double.isFinite(bound) ? bound : 16)) * 1e6);
        long estError = (long) Math.ceil(Math.abs(offset) / 1e3 + e.jitterNanos() / 1e3);
        KernelLeap leap = bitsFor(leaps.indicatorFor(utc));
        KernelClockState after = kernel.adjust(KernelClockAdjustment.none().withFrequencyPpm(target * 1e6)
                .withErrors(maxError, estError).withStatus(true, leap));
        double set = after.frequencyPpm() * 1e-6;
        double rateChange = (1 + set) / (1 + kernelFrequency) - 1;
        if (!setOnce) {
            notes.add(String.format(Locale.ROOT, "kernel clock: frequency %+.3f ppm as found, %+.3f ppm set (oscillator"
                    + " %+.3f ppm; offset %+.1f µs drained with τ %.0f s)", kernelFrequency * 1e6, set * 1e6,
                    oscillator * 1e6, offset / 1e3, settings.timeConstantSeconds()));
            setOnce = true;
        }
        if ((wanted != target) != clamped) {
            clamped = wanted != target;
            notes.add(clamped ? String.format(Locale.ROOT, "kernel clock: slewing at the limit, %+.3f ppm (offset %+.6f s)",
                    target * 1e6, offset / 1e9) : "kernel clock: back within the frequency limit");
        }
        kernelFrequency = set;
        if (rateChange != 0) {
            listener.rateChanged(rateChange);
        }
        if (!Boolean.TRUE.equals(lastSync)) {
            notes.add("kernel clock: STA_UNSYNC cleared (the reference vouches for the time)");
            lastSync = true;
        }
        if (leap != lastLeap) {
            notes.add(leap == KernelLeap.NONE ? "kernel clock: leap second bits cleared"
                    : "kernel clock: " + (leap == KernelLeap.INSERT ? "STA_INS" : "STA_DEL")
                    + " set: the kernel " + (leap == KernelLeap.INSERT ? "inserts" : "deletes")
                    + " a second at the end of " + utc.toInstant().toString().substring(0, 10) + " UTC");
            lastLeap = leap;
        }
        return notes;
    }

    /**
     * The reference stopped vouching: STA_UNSYNC, and the kernel frequency back to the best estimate of the
     * oscillator's correction (the last one measured while vouched; if it never vouched, the frequency as found).
     * The offset drain is left out: it was a rate meant to last seconds (up to the ±500 ppm limit), and left behind
     * it would walk the clock off by a second every half hour.
     */
    private String unvouched() throws KernelClockException {
        if (!steering) {
            kernel.adjust(KernelClockAdjustment.none().withStatus(false, lastLeap));
            return String.format(Locale.ROOT, "kernel clock: STA_UNSYNC set (the reference does not vouch for the"
                    + " time); frequency left at %+.3f ppm as found", kernelFrequency * 1e6);
        }
        double drainRate = kernelFrequency;
        KernelClockState after = kernel.adjust(KernelClockAdjustment.none().withFrequencyPpm(bestFrequency * 1e6)
                .withStatus(false, lastLeap));
        double set = after.frequencyPpm() * 1e-6;
        double rateChange = (1 + set) / (1 + kernelFrequency) - 1;
        kernelFrequency = set;
        if (rateChange != 0) {
            listener.rateChanged(rateChange);
        }
        return String.format(Locale.ROOT, "kernel clock: STA_UNSYNC set (the reference does not vouch for the time);"
                + " frequency %+.3f ppm, the oscillator's correction last measured (the offset drain's %+.3f ppm"
                + " removed)", set * 1e6, drainRate * 1e6);
    }

    private static KernelLeap bitsFor(LeapIndicator li) {
        return switch (li) {
            case INSERT_SECOND -> KernelLeap.INSERT;
            case DELETE_SECOND -> KernelLeap.DELETE;
            default -> KernelLeap.NONE;
        };
    }
}
