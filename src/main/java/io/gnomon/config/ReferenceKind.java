package io.gnomon.config;

/** What the server takes its time from. */
public enum ReferenceKind {
    /** the GPS receiver's NMEA plus its PPS: the appliance */
    GPS,
    /** simulated devices (no hardware): demos, tests, the package acceptance test */
    SIMULATED;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
