package io.gnomon.ntp;

import io.gnomon.time.UtcTime;

/** The transmit-time source: read as late as possible before the reply leaves. */
@FunctionalInterface
public interface TransmitClock {
    UtcTime now();

    /**
     * The same reading as {@link #now()}, in served UTC epoch nanoseconds, for the allocation-free
     * {@link NtpResponder#handle(java.nio.ByteBuffer, long, ReferenceSnapshot, TransmitClock, java.nio.ByteBuffer)};
     * a clock on the packet path overrides it so that no {@link UtcTime} is made per datagram.
     */
    default long nowUtcNanos() {
        return now().epochNanos();
    }
}
