package io.gnomon.adapter.http;

import java.time.Duration;

/**
 * How the status surface protects itself from clients that connect and then dawdle (a phone asleep mid-request, a
 * scanner, a stuck script). Each connection gets {@code header} to send its whole request head and
 * {@code write} to take the whole reply; at most {@code perSource} connections from one address and
 * {@code total} in all are kept. When a new connection would pass a bound, the oldest connection that has not
 * finished its request (of that address, or of all) is closed to make room, so a fresh request always gets in.
 *
 * @param maxHeadBytes a request head larger than this is answered 431 and closed
 */
public record HttpLimits(Duration header, Duration write, int perSource, int total, int maxHeadBytes) {
    /** What {@code gnomon run} and {@code simulate} use. */
    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 8, 256, 8192);

    public HttpLimits {
        if (header.isNegative() || header.isZero() || write.isNegative() || write.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (perSource < 1 || total < perSource || maxHeadBytes < 64) {
            throw new IllegalArgumentException("need 1 <= perSource <= total and maxHeadBytes >= 64");
        }
    }
}
