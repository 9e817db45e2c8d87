package io.gnomon.discipline;

import io.gnomon.time.TaiTime;
import java.util.OptionalDouble;

/**
 * Holdover that follows temperature: from the last locked estimate on, the host's frequency is predicted from the
 * (lagged) temperature by a learnt {@link TemperatureCurve} and integrated into the offset, one step per call.
 * Each call returns an estimate anchored at that moment, so served time is continuous (the offset at each step is
 * where the previous estimate's line had got to).
 *
 * <p>The error bound, with T the time since holdover began:
 * <pre>
 *   plain bound at the start  +  ∫ (k·σ_curve(temperature) + extrapolation error(temperature)) dt
 *   + K·√(wander·T³/3)  +  ½·ageing·T²
 * </pre>
 * σ_curve is the curve's own uncertainty at the temperature of the moment (larger away from where it learnt); the
 * extrapolation error grows with the distance outside the range it has seen; the wander is what the curve left
 * unexplained while locked. While the sensor says nothing, the frequency is held and the bound grows as the plain
 * model's would from a holdover begun then (it knows how fast temperature moved the frequency while locked), on top
 * of what has built up.
 */
public final class ThermalHoldover {
    private static final double K = 4;
    /** A crystal's ageing, fractional per second (about 1.5 ppm a year). */
    private static final double AGEING = 5e-14;

    private final ClockEstimate plain;
    private TemperatureCurve curve;
    private final TaiTime start;
    private final double startBoundNanos;
    private long last;
    private double offsetNanos;
    private double frequency;
    private double growthPerSecond;   // frequency-error term in force over the step that follows
    private double accumulatedNanos;
    private boolean holding;
    private long silentSince;
    private long sensorlessSteps;

    public ThermalHoldover(ClockEstimate plain, TemperatureCurve curve, TaiTime start, OptionalDouble laggedCelsius) {
        this.plain = plain;
        this.curve = curve;
        this.start = start;
        this.last = start.nanos();
        this.offsetNanos = plain.offsetAt(start);
        this.startBoundNanos = plain.errorBoundSecondsAt(start) * 1e9;
        if (laggedCelsius.isPresent()) {
            setFrom(laggedCelsius.getAsDouble());
        } else {
            frequency = plain.frequency();
            holding = true;
            silentSince = start.nanos();
            growthPerSecond = 0;
        }
    }

    private void setFrom(double celsius) {
        frequency = curve.frequencyAt(celsius);
        growthPerSecond = K * curve.sigmaAt(celsius) + curve.extrapolationErrorAt(celsius);
        holding = false;
    }

    /** Moves to {@code now} with the lagged temperature of the moment (empty: the sensor is silent or failing). */
    public ClockEstimate advance(TaiTime now, OptionalDouble laggedCelsius) {
        long t = Math.max(now.nanos(), last);
        double step = (t - last) / 1e9;
        offsetNanos += frequency * step * 1e9;
        accumulatedNanos += growthPerSecond * step * 1e9;
        if (holding) {
            // the plain model's growth as if its holdover had begun when the sensor fell silent: it has seen how
            // fast the frequency moved while locked
            accumulatedNanos += (plainGrowth(t - silentSince) - plainGrowth(last - silentSince)) * 1e9;
            sensorlessSteps++;
        }
        last = t;
        if (laggedCelsius.isPresent()) {
            setFrom(laggedCelsius.getAsDouble());
        } else if (!holding) {
            holding = true; // keep the last frequency and the growth it came with
            silentSince = t;
        }
        return estimate();
    }

    /** How much the plain model's bound grows over {@code nanos} from its reference, seconds. */
    private double plainGrowth(long nanos) {
        return plain.errorBoundSecondsAt(plain.reference().plusNanos(nanos)) - plain.errorBoundSecondsAt(plain.reference());
    }

    private ClockEstimate estimate() {
        double since = (last - start.nanos()) / 1e9;
        double wander = curve.wanderPerSecond();
        double bound = startBoundNanos + accumulatedNanos + K * Math.sqrt(wander * since * since * since / 3) * 1e9
                + 0.5 * AGEING * since * since * 1e9;
        // how fast the bound grows from here (the next few seconds, until the next step)
        double rate = growthPerSecond + K * Math.sqrt(wander * since) + AGEING * since
                + (holding ? plain.frequencyError() + plain.driftPerSecond() * (last - silentSince) / 1e9
                        + K * Math.sqrt(plain.wanderPerSecond() * (last - silentSince) / 1e9) : 0);
        return new ClockEstimate(new TaiTime(last), offsetNanos, frequency, bound, rate, wander, AGEING,
                plain.jitterNanos(), plain.samples());
    }

    /** The host realtime clock was stepped by {@code deltaNanos}: the offset moves with it. */
    public void hostStepped(long deltaNanos) {
        offsetNanos += deltaNanos;
    }

    /** The host clock runs {@code 1 + rateChange} times as fast from now (kernel discipline still steering). */
    public void hostRateChanged(double rateChange) {
        curve = curve.rescaled(rateChange);
        frequency = (1 + frequency) * (1 + rateChange) - 1;
    }

    public TaiTime start() {
        return start;
    }

    /** Steps taken without a temperature (the sensor failing). */
    public long sensorlessSteps() {
        return sensorlessSteps;
    }
}
