package io.gnomon.refclock;

import io.gnomon.time.MonotonicTime;
import java.util.Map;

/**
 * The reference clock as an operator sees it (the status page reads this).
 *
 * @param state               the lock state
 * @param reason              why it is in that state
 * @param since               when it entered that state
 * @param offsetNanos         host realtime − UTC now, per the model, in ns (NaN when there is no model)
 * @param jitterNanos         rms scatter of labelled edges around the model
 * @param frequencyPpm        host clock frequency error, ppm (NaN when unknown)
 * @param nmeaDelayNanos      median NMEA first-byte delay after the edge (lead before it, for early senders)
 * @param nmeaDelaySpreadNanos spread of the delays in the window
 * @param errorBoundSeconds   the bound on the served time's error now (the advertised root dispersion)
 * @param labelledEdges       edges labelled so far
 * @param counts              named counts: why edges and epochs were not used, outliers, …
 * @param leapSecondsExpire   when the leap-second table expires (empty: it does not say)
 * @param leapSecondsExpired  true once served time is past that date: leap seconds after it are unknown
 */
public record ReferenceStatus(LockState state, String reason, MonotonicTime since, double offsetNanos,
                              double jitterNanos, double frequencyPpm, long nmeaDelayNanos, long nmeaDelaySpreadNanos,
                              double errorBoundSeconds, long labelledEdges, Map<String, Long> counts,
                              java.util.Optional<io.gnomon.time.UtcTime> leapSecondsExpire, boolean leapSecondsExpired) {
}
