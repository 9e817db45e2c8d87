package io.gnomon.ntp;

import io.gnomon.time.UtcTime;

/** The transmit-time source: read as late as possible before the reply leaves. */
@FunctionalInterface
public interface TransmitClock {
    UtcTime now();
}
