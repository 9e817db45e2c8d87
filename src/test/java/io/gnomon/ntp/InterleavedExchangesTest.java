package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class InterleavedExchangesTest {
    private static final long CLIENT = 0x7F000001L;

    /** A client request: origin, receive and transmit fields as given. */
    private static ByteBuffer request(long origin, long receive, long transmit) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) 0x23);
        b.putLong(24, origin).putLong(32, receive).putLong(40, transmit);
        return b;
    }

    /** A basic reply as the responder writes it: origin = the request's transmit, our receive and transmit. */
    private static ByteBuffer basicReply(ByteBuffer request, long receive, long provisionalTransmit) {
        ByteBuffer r = ByteBuffer.allocate(48);
        r.putLong(24, request.getLong(40)).putLong(32, receive).putLong(40, provisionalTransmit);
        return r;
    }

    @Test
    void aClientEchoingOurReceiveTimestampGetsThePreviousRepliesExactTransmitTime() {
        InterleavedExchanges table = new InterleavedExchanges(64);
        // first exchange: basic (the client knows nothing yet)
        ByteBuffer q1 = request(0, 0, 1000);
        ByteBuffer r1 = basicReply(q1, 5000, 5100);
        assertFalse(table.interleave(q1, CLIENT, r1));
        table.sent(CLIENT, 5000);
        table.transmitted(5000, 5123); // the kernel says reply 1 left at 5123
        // second request: origin = our receive timestamp of reply 1, receive = when the client got reply 1
        ByteBuffer q2 = request(5000, 5200, 9000);
        ByteBuffer r2 = basicReply(q2, 9500, 9600);
        assertTrue(table.interleave(q2, CLIENT, r2));
        assertEquals(5200, r2.getLong(24), "origin: the client's receive time of the previous reply");
        assertEquals(9500, r2.getLong(32), "receive: this request's arrival");
        assertEquals(5123, r2.getLong(40), "transmit: when the previous reply really left");
        assertEquals(1, table.interleavedReplies());
    }

    @Test
    void withoutTheExactTransmitTimeTheReplyStaysBasic() {
        InterleavedExchanges table = new InterleavedExchanges(64);
        table.sent(CLIENT, 5000); // no transmit timestamp arrived
        ByteBuffer q = request(5000, 5200, 9000);
        ByteBuffer r = basicReply(q, 9500, 9600);
        assertFalse(table.interleave(q, CLIENT, r));
        assertEquals(9000, r.getLong(24), "basic reply untouched");
        assertEquals(9600, r.getLong(40));
    }

    @Test
    void anotherClientEchoingTheSameTimestampIsAnsweredInBasicMode() {
        InterleavedExchanges table = new InterleavedExchanges(64);
        table.sent(CLIENT, 5000);
        table.transmitted(5000, 5123);
        assertFalse(table.interleave(request(5000, 5200, 9000), CLIENT + 1, basicReply(request(5000, 5200, 9000), 1, 2)));
    }

    @Test
    void aBasicClientWhoseReceiveEqualsTransmitIsNotInterleaved() {
        InterleavedExchanges table = new InterleavedExchanges(64);
        table.sent(CLIENT, 5000);
        table.transmitted(5000, 5123);
        ByteBuffer q = request(5000, 9000, 9000);
        assertFalse(table.interleave(q, CLIENT, basicReply(q, 9500, 9600)));
    }

    @Test
    void clientsBeyondTheTableFallBackToBasicModeAndNeverGetAnotherClientsTime() {
        InterleavedExchanges table = new InterleavedExchanges(16);
        int clients = 1000;
        for (int c = 0; c < clients; c++) {
            table.sent(c, 1_000_000L + c * 7919L);
            table.transmitted(1_000_000L + c * 7919L, 2_000_000L + c);
        }
        int interleaved = 0;
        for (int c = 0; c < clients; c++) {
            ByteBuffer q = request(1_000_000L + c * 7919L, 5, 6);
            ByteBuffer r = basicReply(q, 7, 8);
            if (table.interleave(q, c, r)) {
                interleaved++;
                assertEquals(2_000_000L + c, r.getLong(40), "its own previous transmit time");
            } else {
                assertEquals(8, r.getLong(40), "basic: its own provisional transmit time");
                assertEquals(6, r.getLong(24));
            }
        }
        assertTrue(interleaved > 0 && interleaved <= 16, "at most one exchange per slot survives: " + interleaved);
    }

    @Test
    void aLateTransmitStampForAnOverwrittenExchangeIsCountedNotStored() {
        InterleavedExchanges table = new InterleavedExchanges(1);
        table.sent(1, 5000);
        table.sent(2, 6000);
        table.transmitted(5000, 5100);
        assertEquals(1, table.unmatchedStamps());
        ByteBuffer q = request(6000, 5, 6);
        assertFalse(table.interleave(q, 2, basicReply(q, 7, 8)), "exchange 6000 has no transmit time yet");
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new InterleavedExchanges(12));
    }
}
