package io.gnomon.gps;

/** How an epoch's time relates to the previous epoch's time. Flagged, never smoothed over. */
public enum TimeFlag {
    /** Earlier than the previous epoch's time. */
    WENT_BACKWARDS,
    /** The same time as the previous epoch. */
    REPEATED,
    /** More than one second after the previous epoch: at least one cycle is missing. */
    SKIPPED
}
