package io.gnomon.ntp;

/**
 * Why a datagram got no reply. Every reason is counted where an operator can see it.
 * The packet rules behind them are in docs/ARCHITECTURE.md (package io.gnomon.ntp).
 */
public enum DropReason {
    /** Fewer than the 48 bytes of an NTP header. */
    TOO_SHORT,
    /** Version 0 or above 4. */
    BAD_VERSION,
    /** Mode 0 in a version 2–4 packet (in version 1 the field was unused and mode 0 is an old client). */
    MODE_RESERVED,
    /** Mode 1: a symmetric peer; Gnomon has no peers. */
    MODE_SYMMETRIC_ACTIVE,
    /** Mode 2: a symmetric peer's answer; Gnomon has no peers. */
    MODE_SYMMETRIC_PASSIVE,
    /** Mode 4: another server's reply, not a request; answering could start a loop. */
    MODE_SERVER,
    /** Mode 5: a broadcast; Gnomon is not a broadcast client. */
    MODE_BROADCAST,
    /** Mode 6: an ntpq control query; not served (it can amplify traffic). */
    MODE_CONTROL,
    /** Mode 7: an ntpdc private query (monlist); never served (it amplifies traffic). */
    MODE_PRIVATE,
    /** The bytes after the header are not a whole number of 32-bit words. */
    UNALIGNED_LENGTH,
    /** The bytes after the header are not extension fields followed by an optional MAC of a valid size. */
    BAD_EXTENSION_OR_MAC,
    /** A valid request the rate limiter chose not to answer at all. */
    RATE_LIMITED,
    /** The authenticator rejected the request's extension fields or MAC and wants no reply sent. */
    AUTH_FAILED,
}
