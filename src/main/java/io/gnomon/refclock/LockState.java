package io.gnomon.refclock;

/** Where the reference clock stands. The words are the ones the log, the status page and the docs use. */
public enum LockState {
    NO_DEVICE("no device", false),
    NO_FIX("no fix", false),
    TIME_UNVERIFIED("time unverified", false),
    NMEA_ONLY("NMEA only", true),
    PPS_LOCKED("PPS locked", true),
    HOLDOVER("holdover", true),
    UNSYNCHRONISED("unsynchronised", false);

    private final String words;
    private final boolean serving;

    LockState(String words, boolean serving) {
        this.words = words;
        this.serving = serving;
    }

    /** How operators read it: "PPS locked", "holdover", … */
    public String words() {
        return words;
    }

    /** Whether NTP replies in this state vouch for the time (stratum 1, leap indicator not 3). */
    public boolean serving() {
        return serving;
    }

    @Override
    public String toString() {
        return words;
    }
}
