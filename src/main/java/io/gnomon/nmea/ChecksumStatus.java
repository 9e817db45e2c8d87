package io.gnomon.nmea;

/** Whether a framed sentence carried a checksum that matched. Mismatches never leave the framer. */
public enum ChecksumStatus {
    VERIFIED,
    /** The sentence had no '*hh' at all; only produced when the framer is configured to accept such lines. */
    UNVERIFIED
}
