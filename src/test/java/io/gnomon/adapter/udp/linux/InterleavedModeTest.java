package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestServers;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interleaved mode through the Linux path, live on loopback: kernel transmit timestamps reach the next reply. */
class InterleavedModeTest {
    private static LinuxAbi abi;

    @BeforeAll
    static void onLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        abi = LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
    }

    private static LinuxUdpServer start(boolean interleave) throws Exception {
        LinuxUdpSettings settings = new LinuxUdpSettings(1, 16, LinuxUdpSettings.TransmitStamp.PREDICTED,
                16, 4, 1, 0, 0, interleave);
        return LinuxUdpServer.start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), TestServers.plain(),
                settings, (where, why) -> {
                    throw new AssertionError("receive loop for " + where + " died", why);
                });
    }

    private static ByteBuffer request(long origin, long receive, long transmit) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) 0x23); // version 4, client
        b.putLong(24, origin).putLong(32, receive).putLong(40, transmit);
        return b;
    }

    private static ByteBuffer exchange(LoopbackClient client, ByteBuffer request) throws Exception {
        client.send(request);
        ByteBuffer reply = client.receive();
        assertNotNull(reply, "no reply");
        assertEquals(48, reply.remaining());
        return reply;
    }

    @Test
    void theSecondReplyCarriesTheFirstRepliesKernelTransmitTime() throws Exception {
        try (LinuxUdpServer server = start(true);
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            for (int round = 0; round < 5; round++) {
                // an xleave client's request: origin and receive set (an origin we do not know: basic reply)
                ByteBuffer first = exchange(client, request(0x9999_0000_0000L, 1, 0x1111_0000_0000L + round));
                assertEquals(0x1111_0000_0000L + round, first.getLong(24), "basic: origin = our transmit");
                long firstReceive = first.getLong(32);
                long firstTransmit = first.getLong(40); // read before the send: no later than the departure
                long clientGot = 0x2222_0000_0000L + round; // what a client puts: when it got the reply
                ByteBuffer second = exchange(client, request(firstReceive, clientGot, 0x3333_0000_0000L + round));
                assertEquals(clientGot, second.getLong(24), "interleaved: origin = the client's receive field");
                long exact = second.getLong(40);
                assertTrue(Long.compareUnsigned(firstTransmit, exact) <= 0,
                        "the kernel stamp is not before the reading taken before the send");
                assertTrue(Long.compareUnsigned(exact, second.getLong(32)) < 0,
                        "reply 1 left before request 2 arrived");
            }
            LinuxUdpServer.TransmitStamps tx = server.pathCounters().transmit();
            assertEquals(5, tx.interleavedReplies(), tx.toString());
            assertEquals(10, tx.matched(), "only the exchanges of requests asking for interleaved mode: " + tx);
        }
    }

    @Test
    void aBasicClientAndAnUnknownOriginGetBasicReplies() throws Exception {
        try (LinuxUdpServer server = start(true);
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            ByteBuffer first = exchange(client, request(0, 0, 77));
            // a basic client: receive field equal to transmit
            ByteBuffer basic = exchange(client, request(first.getLong(32), 99, 99));
            assertEquals(99, basic.getLong(24));
            // an origin this server never sent
            ByteBuffer unknown = exchange(client, request(first.getLong(32) + 1, 5, 6));
            assertEquals(6, unknown.getLong(24));
            assertEquals(0, server.pathCounters().transmit().interleavedReplies());
        }
    }

    @Test
    void withInterleaveOffEveryReplyIsBasic() throws Exception {
        try (LinuxUdpServer server = start(false);
             LoopbackClient client = new LoopbackClient(server.listening().getFirst().socketAddress(), null)) {
            ByteBuffer first = exchange(client, request(0, 0, 77));
            ByteBuffer second = exchange(client, request(first.getLong(32), 5, 6));
            assertEquals(6, second.getLong(24));
            assertEquals(0, server.pathCounters().transmit().interleavedReplies());
        }
    }
}
