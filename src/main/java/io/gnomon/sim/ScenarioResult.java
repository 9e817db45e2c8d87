package io.gnomon.sim;

import io.gnomon.refclock.StateChange;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scenario run measured.
 *
 * @param labelledEdges         edges the reference clock labelled
 * @param mislabelledEdges      of those, labelled with the wrong second (must be 0)
 * @param spuriousLabelled      spurious pulses that got a label (near a true edge; the model must reject them)
 * @param lockedSamples         served-time samples taken while PPS locked, after warm-up
 * @param rmsErrorNanos         rms of served − true over those samples
 * @param maxErrorNanos         largest |served − true| over those samples
 * @param secondsToStratum1     simulated seconds from the first asserted receiver second to stratum 1 (NaN: never)
 * @param holdoverSamples       samples after the GPS was unplugged
 * @param holdoverCovered       of those, samples whose advertised bound ≥ the actual error
 * @param secondsToUnsynchronised simulated seconds from unplugging to leap indicator 3 (NaN: never)
 * @param transitions           every state change with its reason
 * @param counts                the reference clock's named counters at the end
 */
public record ScenarioResult(String name, long labelledEdges, long mislabelledEdges, long spuriousLabelled,
                             long lockedSamples, double rmsErrorNanos, double maxErrorNanos, double secondsToStratum1,
                             long holdoverSamples, long holdoverCovered, double secondsToUnsynchronised,
                             double worstHoldoverErrorSeconds, double lastHoldoverBoundSeconds, double lastHoldoverErrorSeconds,
                             List<StateChange> transitions, Map<String, Long> counts,
                             java.util.Set<io.gnomon.ntp.LeapIndicator> leapIndicators) {

    public double holdoverCoverage() {
        return holdoverSamples == 0 ? Double.NaN : holdoverCovered / (double) holdoverSamples;
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "%s: labelled %d, mislabelled %d, spurious labelled %d, served error rms %.3f µs max %.3f µs (%d samples), "
                        + "stratum 1 after %.1f s, holdover coverage %s, LI=3 after %s",
                name, labelledEdges, mislabelledEdges, spuriousLabelled, rmsErrorNanos / 1e3, maxErrorNanos / 1e3, lockedSamples,
                secondsToStratum1,
                holdoverSamples == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f%% of %d", 100 * holdoverCoverage(), holdoverSamples),
                Double.isNaN(secondsToUnsynchronised) ? "n/a" : String.format(Locale.ROOT, "%.0f s", secondsToUnsynchronised));
    }
}
