package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The core's interleaved mode: exchanges reported sent and departed turn the next request's reply interleaved. */
class NtpServerCoreInterleavedTest {
    private static final long HOST = 1_800_000_000_000_000_000L;
    private static final ServingState SERVING = new ServingState() {
        @Override
        public ReferenceSnapshot snapshot() {
            return new ReferenceSnapshot(true, 1, "TST", new UtcTime(0), 0, 1e-6, LeapIndicator.NO_WARNING);
        }

        @Override
        public long servedUtcNanos(long realtimeNanos) {
            return realtimeNanos;
        }
    };

    private static ByteBuffer request(long origin, long receive, long transmit) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) 0x23);
        b.putLong(24, origin).putLong(32, receive).putLong(40, transmit);
        return b;
    }

    @Test
    void theExactDepartureOfTheFirstReplyIsTheSecondRepliesTransmitTimestamp() {
        NtpServerCore core = NtpServer.plain(-20, () -> SERVING).newCore();
        ByteBuffer reply1 = ByteBuffer.allocate(48);
        ByteBuffer request1 = request(0x4444, 0x11, 0x77); // an xleave client whose origin we no longer know
        ServerAction a1 = core.handle(request1, 7, false, HOST, 0, HOST + 500, reply1);
        assertTrue(((ServerAction.Respond) a1).restampable(), "a basic reply");
        long exchange = core.exchangeOf(request1, reply1, 48);
        assertEquals(reply1.getLong(32), exchange, "the exchange is known by the receive timestamp it carried");
        core.sent(7, exchange);
        core.departed(exchange, HOST + 2_345);

        ByteBuffer reply2 = ByteBuffer.allocate(48);
        ServerAction a2 = core.handle(request(exchange, 0x1234, 0x5678), 7, false, HOST + 62_500_000, 1,
                HOST + 62_500_500, reply2);
        ServerAction.Respond r2 = assertInstanceOf(ServerAction.Respond.class, a2);
        assertFalse(r2.restampable(), "an interleaved reply's transmit timestamp is final");
        assertEquals(0x1234, reply2.getLong(24), "origin: the client's receive field");
        assertEquals(NtpTimestamp.bitsOfUtcNanos(HOST + 2_345), reply2.getLong(40), "T3: reply 1's kernel stamp");
        assertEquals(1, core.interleavedReplies());

        // another client echoing the same timestamp: basic
        ByteBuffer reply3 = ByteBuffer.allocate(48);
        ServerAction a3 = core.handle(request(exchange, 0x1234, 0x9999), 8, false, HOST + 62_600_000, 2,
                HOST + 62_600_500, reply3);
        assertTrue(((ServerAction.Respond) a3).restampable());
        assertEquals(0x9999, reply3.getLong(24));
    }

    @Test
    void onlyPlainTimeRepliesToClientsAskingForInterleavedModeAreExchanges() {
        NtpServerCore core = NtpServer.plain(-20, () -> SERVING).newCore();
        ByteBuffer kod = ByteBuffer.allocate(48);
        kod.put(1, (byte) 0); // stratum 0
        kod.putLong(32, 0x1111);
        ByteBuffer wants = request(0x4444, 0x11, 0x77);
        assertEquals(0, core.exchangeOf(wants, kod, 48));
        ByteBuffer longer = ByteBuffer.allocate(68);
        longer.put(1, (byte) 1).putLong(32, 0x1111);
        assertEquals(0, core.exchangeOf(wants, longer, 68), "authenticated replies are not interleaved yet");
        assertNotEquals(0, core.exchangeOf(wants, longer, 48));
        assertEquals(0, core.exchangeOf(request(0, 0, 0x77), longer, 48), "a basic client's exchange: not kept");
        assertEquals(0, core.exchangeOf(request(0x4444, 0x77, 0x77), longer, 48), "receive = transmit: basic");
    }
}
