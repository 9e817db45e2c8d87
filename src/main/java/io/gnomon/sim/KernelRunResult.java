package io.gnomon.sim;

import java.util.List;
import java.util.Locale;

/**
 * A scenario run with the kernel-discipline actuator: the served-time figures as usual, and how well the host's own
 * CLOCK_REALTIME was steered to true UTC.
 *
 * @param served             the usual figures (served time is still the model's, judged the same way)
 * @param hostSamples        host clock samples judged (once a second, from {@code judgedFromSeconds} on)
 * @param hostRmsNanos       rms of host realtime − true UTC over those samples
 * @param hostMaxNanos       largest |host realtime − true UTC| over those samples
 * @param judgedFromSeconds  when host judging started (simulated seconds since the start)
 * @param secondsToWithin10us the host clock was within 10 µs of true UTC from this time on (NaN: never)
 * @param secondsToWithin1us  the host clock was within 1 µs from this time on (NaN: never)
 * @param steps              ADJ_SETOFFSET steps the actuator made
 * @param leapsApplied       leap seconds the (simulated) kernel applied
 * @param finalFrequencyPpm  the kernel frequency correction at the end
 * @param notes              what the actuator logged
 */
public record KernelRunResult(ScenarioResult served, long hostSamples, double hostRmsNanos, double hostMaxNanos,
                              double judgedFromSeconds, double secondsToWithin10us, double secondsToWithin1us, long steps,
                              long leapsApplied, double finalFrequencyPpm, List<String> notes) {

    public String summary() {
        return String.format(Locale.ROOT, "host clock (kernel discipline): rms %.3f µs, max %.3f µs over %d s from %.0f s;"
                        + " within 10 µs from %.0f s, within 1 µs from %.0f s; %d step(s), %d leap(s), kernel frequency"
                        + " %+.3f ppm at the end",
                hostRmsNanos / 1e3, hostMaxNanos / 1e3, hostSamples, judgedFromSeconds, secondsToWithin10us,
                secondsToWithin1us, steps, leapsApplied, finalFrequencyPpm);
    }
}
