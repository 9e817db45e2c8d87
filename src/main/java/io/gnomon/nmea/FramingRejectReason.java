package io.gnomon.nmea;

/** Why the framer threw a run of bytes away. Every rejected run is counted under exactly one reason. */
public enum FramingRejectReason {
    /** Bytes between sentences that do not start with '$' or '!' (binary protocols, line noise, escape codes). */
    GARBAGE_BETWEEN_SENTENCES,
    /** A second start character right after the first ("$$GPRMC"): the extra start byte is dropped. */
    DOUBLED_START,
    /** A start character inside a line: the unfinished sentence before it is dropped, the new one kept. */
    COLLIDED_WITH_NEXT_SENTENCE,
    /** A control or non-ASCII byte (NUL, ESC, binary) inside a sentence. */
    NON_PRINTABLE_BYTE,
    /** The line grew past the length cap before its end. */
    TOO_LONG,
    /** The checksum after '*' does not match the XOR of the sentence. */
    BAD_CHECKSUM,
    /** Something after '*' that is not exactly two hex digits. */
    MALFORMED_CHECKSUM,
    /** No '*hh' checksum, and unverified sentences are not accepted by this framer's configuration. */
    MISSING_CHECKSUM,
    /** A start character followed directly by the line end. */
    EMPTY_SENTENCE,
    /** The input ended inside a sentence whose checksum could not be verified. */
    TRUNCATED_AT_END_OF_INPUT
}
