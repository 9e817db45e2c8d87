package io.gnomon.nmea;

/**
 * Framing limits.
 *
 * <p>{@code maxLineLength} counts the characters from the start character to the last checksum digit. NMEA 0183
 * caps a sentence at 82 characters including CR LF, but real receivers exceed it: NMEA 4.x GSV with signal ids,
 * high-precision GGA/RMC (u-blox HPG, Trimble RTK), and proprietary sentences ($PMTKCHN is 203 characters, the
 * longest line in the gpsd captures we test against). {@value #DEFAULT_MAX_LINE_LENGTH} leaves room for all of
 * them while still bounding memory and resynchronising quickly inside binary data whose bytes happen to start
 * with '$'.
 *
 * <p>{@code acceptUnverified}: sentences without any '*hh' are passed on marked {@link ChecksumStatus#UNVERIFIED}
 * (for receivers that never send checksums); off by default, because a time label without integrity check is
 * one flipped bit away from a wrong second.
 */
public record FramerConfig(int maxLineLength, boolean acceptUnverified) {

    public static final int DEFAULT_MAX_LINE_LENGTH = 256;

    public FramerConfig {
        if (maxLineLength < 10) {
            throw new IllegalArgumentException("maxLineLength must be at least 10, was " + maxLineLength);
        }
    }

    public static FramerConfig defaults() {
        return new FramerConfig(DEFAULT_MAX_LINE_LENGTH, false);
    }

    public FramerConfig withAcceptUnverified(boolean accept) {
        return new FramerConfig(maxLineLength, accept);
    }
}
