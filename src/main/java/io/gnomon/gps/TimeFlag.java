package io.gnomon.gps;

/** How an epoch's time relates to the previous epoch's time. Flagged, never smoothed over. */
public enum TimeFlag {
    /** Earlier than the previous epoch's time. */
    WENT_BACKWARDS,
    /** The same time as the previous epoch. */
    REPEATED,
    /** More than 1.5 s after the previous epoch: at least one 1 Hz cycle is missing. */
    SKIPPED
}
