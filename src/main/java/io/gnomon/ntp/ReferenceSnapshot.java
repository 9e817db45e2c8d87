package io.gnomon.ntp;

import io.gnomon.time.UtcTime;

/**
 * What the server advertises about its reference, published by the clock layer as an immutable value;
 * the responder only reads it.
 *
 * @param synchronised          false: the server cannot vouch for its time (leap indicator 3 on the wire)
 * @param stratum               1 for a GPS/PPS reference; ignored when not synchronised
 * @param refId                 e.g. "PPS", "GPS", "SIM" (up to 4 ASCII characters for stratum 1)
 * @param referenceTime         when the clock was last set or corrected from the reference
 * @param rootDelaySeconds      round-trip delay to the primary reference (0 for a local refclock)
 * @param rootDispersionSeconds the bound on the served time's error, growing while in holdover
 * @param leap                  leap second announced for the end of the current UTC day
 */
public record ReferenceSnapshot(
        boolean synchronised,
        int stratum,
        String refId,
        UtcTime referenceTime,
        double rootDelaySeconds,
        double rootDispersionSeconds,
        LeapIndicator leap) {

    public static ReferenceSnapshot unsynchronised(String refId) {
        return new ReferenceSnapshot(false, 16, refId, new UtcTime(0), 0, 16, LeapIndicator.UNSYNCHRONISED);
    }
}
