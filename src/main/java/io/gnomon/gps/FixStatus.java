package io.gnomon.gps;

/**
 * What a cycle says about the receiver's fix. {@code valid} is true when any sentence of the cycle reports a real
 * fix (RMC A, GGA quality 1–5, GLL A, GNS with a fix mode) and no RMC of the cycle says its data is not valid; {@code ggaQuality}, {@code gsaFixType} and
 * {@code satellitesUsed} are -1 when the cycle had no such field.
 */
public record FixStatus(boolean valid, boolean reported, int ggaQuality, int gsaFixType, int satellitesUsed) {

    public static final FixStatus UNKNOWN = new FixStatus(false, false, -1, -1, -1);
}
