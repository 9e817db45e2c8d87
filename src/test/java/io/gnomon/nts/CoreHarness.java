package io.gnomon.nts;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.RequestAuthenticator.Verdict;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the server core does around an authenticator, for unit tests: verify, a header (time or NTSN kiss),
 * the tail. The real core is exercised end to end by the chronyd acceptance tests.
 */
final class CoreHarness {
    private final Authentication auth;
    final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    int kisses;

    CoreHarness(Authentication auth) {
        this.auth = auth;
    }

    int dropped(DropReason r) {
        return drops.getOrDefault(r, 0);
    }

    byte[] answer(byte[] request) {
        if (request.length < 48) {
            return null;
        }
        Verdict v = auth.verify(ByteBuffer.wrap(request), 0, request.length);
        if (v instanceof Verdict.Refused(DropReason r)) {
            drops.merge(r, 1, Integer::sum);
            return null;
        }
        ByteBuffer reply = ByteBuffer.allocate(2048);
        reply.put(0, (byte) 0x24);
        reply.putLong(24, ByteBuffer.wrap(request).getLong(40));
        if (v instanceof Verdict.Nak n) {
            kisses++;
            reply.put(1, (byte) 0);
            reply.putInt(12, n.kissCode().bits());
            return Arrays.copyOf(reply.array(), n.appendTail(reply, 48, request.length));
        }
        reply.put(1, (byte) 1);
        reply.putLong(40, 0x0123_4567_89AB_CDEFL);
        if (v instanceof Verdict.Authentic a) {
            return Arrays.copyOf(reply.array(), a.appendTail(reply, 48, request.length));
        }
        return Arrays.copyOf(reply.array(), 48);
    }
}
