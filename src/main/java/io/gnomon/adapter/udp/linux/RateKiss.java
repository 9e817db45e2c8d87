package io.gnomon.adapter.udp.linux;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * Writes a Kiss-o'-Death RATE reply (RFC 5905 section 7.4): leap indicator 3, the client's version, mode 4
 * (server), stratum 0, reference id "RATE", the client's transmit timestamp echoed as origin, and receive and
 * transmit timestamps as in a normal reply (some clients discard a reply whose transmit timestamp is zero
 * before they look at the kiss code). Only a well-formed client request (≥ 48 bytes, mode 3) is kissed.
 */
final class RateKiss {
    static final int LENGTH = 48;
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;
    private static final int RATE = ('R' << 24) | ('A' << 16) | ('T' << 8) | 'E';

    private RateKiss() {}

    /** True when {@code request} (position to limit) is a client-mode request worth a kiss. */
    static boolean kissable(ByteBuffer request) {
        return request.remaining() >= LENGTH && (request.get(request.position()) & 7) == 3;
    }

    /** Writes the 48-byte KoD into {@code reply} from index 0. */
    static void write(ByteBuffer request, UtcTime received, UtcTime transmit, ByteBuffer reply) {
        int p = request.position();
        int version = (request.get(p) >> 3) & 7;
        for (int i = 0; i < LENGTH; i += 8) {
            reply.putLong(i, 0);
        }
        reply.put(0, (byte) (3 << 6 | version << 3 | 4));
        reply.put(1, (byte) 0);
        reply.put(2, request.get(p + 2));
        reply.putInt(12, RATE);
        reply.putLong(24, request.getLong(p + 40));
        reply.putLong(32, ntpTimestamp(received.epochNanos()));
        reply.putLong(40, ntpTimestamp(transmit.epochNanos()));
    }

    /** NTP 64-bit timestamp (era 0 wraps by the unsigned 32-bit seconds field). */
    static long ntpTimestamp(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return ((seconds + NTP_UNIX_OFFSET_SECONDS) << 32) | fraction;
    }
}
