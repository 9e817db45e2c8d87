package io.gnomon.ntp;

/** What one client exchange came to. Offsets and delays in nanoseconds; offset = server − local. */
public sealed interface ClientOutcome {

    /** A valid reply from a synchronised server. */
    record Answer(NtpPacket reply, long offsetNanos, long delayNanos) implements ClientOutcome {
    }

    /** A valid reply from a server that says it is not synchronised (leap indicator 3 or stratum 16+). */
    record Unsynchronised(NtpPacket reply, long offsetNanos, long delayNanos) implements ClientOutcome {
    }

    /** Stratum 0: a Kiss-o'-Death with its code ("RATE", "DENY", …); the time in it means nothing. */
    record KissOfDeath(String code, NtpPacket reply) implements ClientOutcome {
    }

    /** Not a usable reply to our request. */
    record Invalid(String reason) implements ClientOutcome {
    }
}
