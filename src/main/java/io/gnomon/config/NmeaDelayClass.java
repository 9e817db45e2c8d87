package io.gnomon.config;

/**
 * How late after the PPS edge a receiver finishes the sentence that names the second. The reference-clock
 * pipeline uses the bound to decide which second a sentence may label; these are conservative planning bounds,
 * not measurements.
 */
public enum NmeaDelayClass {
    /** sentences complete within 300 ms of the edge (e.g. u-blox at 115200 baud) */
    SHORT(300),
    /** within 600 ms (e.g. u-blox at 9600 baud with default messages) */
    MEDIUM(600),
    /** within 950 ms (MTK-based receivers at 9600 baud, unknown receivers) */
    LONG(950);

    private final int maxDelayMillis;

    NmeaDelayClass(int maxDelayMillis) {
        this.maxDelayMillis = maxDelayMillis;
    }

    public int maxDelayMillis() {
        return maxDelayMillis;
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
