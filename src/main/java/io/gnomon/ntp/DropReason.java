package io.gnomon.ntp;

/** Why a datagram got no reply. Every reason is counted where an operator can see it. */
public enum DropReason {
    TOO_SHORT,
    // the NTP core issue completes this list
}
