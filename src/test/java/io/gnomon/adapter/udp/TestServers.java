package io.gnomon.adapter.udp;

import io.gnomon.ntp.Authentication;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RateLimitSettings;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.ntp.ServerPolicy;
import io.gnomon.ntp.ServingState;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/** Real NTP servers for socket tests: served UTC = the host's CLOCK_REALTIME, so T2 and T3 are host readings. */
public final class TestServers {
    private TestServers() {}

    public static final ReferenceSnapshot SYNCED = new ReferenceSnapshot(true, 1, "SIM", new UtcTime(0), 0, 1e-5,
            LeapIndicator.NO_WARNING);

    /** Serves {@code reference}, served time = host realtime. */
    public static ServingState identity(ReferenceSnapshot reference) {
        return new ServingState() {
            @Override
            public ReferenceSnapshot snapshot() {
                return reference;
            }

            @Override
            public long servedUtcNanos(long realtimeNanos) {
                return realtimeNanos;
            }
        };
    }

    public static NtpServer server(RateLimitSettings limits, Authentication authentication) {
        ServingState serving = identity(SYNCED);
        return new NtpServer(new ServerPolicy(-20, limits, authentication), () -> serving, new ServerCounters(),
                RecentClients.tenMinutes(1), () -> 42);
    }

    /** Stratum 1, no rate limits, no authentication. */
    public static NtpServer plain() {
        return server(RateLimitSettings.off(), new Authentication.Off());
    }

    /** A version-4 client request carrying {@code tag} as its transmit timestamp (echoed as origin). */
    public static ByteBuffer request(long tag) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) 0x23);
        b.putLong(40, tag);
        return b;
    }

    /** The origin timestamp of a reply: the request's tag. */
    public static long origin(ByteBuffer reply) {
        return reply.getLong(reply.position() + 24);
    }

    /** Receive timestamp (T2) of a reply, Unix nanoseconds. */
    public static long t2(ByteBuffer reply) {
        return unixNanos(reply.getLong(reply.position() + 32));
    }

    /** Transmit timestamp (T3) of a reply, Unix nanoseconds. */
    public static long t3(ByteBuffer reply) {
        return unixNanos(reply.getLong(reply.position() + 40));
    }

    public static long unixNanos(long ntp) {
        long seconds = (ntp >>> 32) - 2_208_988_800L;
        long fraction = ntp & 0xFFFF_FFFFL;
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }
}
