package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.PortableUdpServer;
import io.gnomon.adapter.udp.TestServers;
import io.gnomon.adapter.udp.UdpServer;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RateLimitSettings;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.ntp.ServerPolicy;
import io.gnomon.ntp.ServingState;
import io.gnomon.time.MonotonicTime;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Clients seen" through the real receive loops: datagrams from distinct loopback source addresses (127.0.0.2 …),
 * several loop threads at once, each source asking repeatedly — the tally counts sources, not datagrams.
 */
class ClientsSeenThroughLoopsTest {
    private static final int SOURCES = 40;
    private static final int ROUNDS = 3;
    private static final UdpServer.LoopDeath NO_DEATH = (where, why) -> {
        throw new AssertionError("loop on " + where + " died", why);
    };

    private static NtpServer exchange(RecentClients clients) {
        ServingState serving = TestServers.identity(ReferenceSnapshot.unsynchronised("TST"));
        return new NtpServer(ServerPolicy.of(-20, RateLimitSettings.off()), () -> serving, new ServerCounters(),
                clients, () -> 1);
    }

    /** Every source sends ROUNDS requests to every listen address and waits for each reply. */
    private static void ask(List<ListenAddress> at) throws Exception {
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int k = 0; k < SOURCES; k++) {
            String source = "127.0.0." + (2 + k);
            senders.add(Thread.ofPlatform().start(() -> {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
                    s.setSoTimeout(5000);
                    for (int r = 0; r < ROUNDS; r++) {
                        for (ListenAddress a : at) {
                            byte[] req = new byte[48];
                            req[0] = 0x23;
                            s.send(new DatagramPacket(req, req.length, a.socketAddress()));
                            byte[] buf = new byte[256];
                            s.receive(new DatagramPacket(buf, buf.length));
                        }
                    }
                } catch (SocketTimeoutException e) {
                    failures.add(new AssertionError("no reply to " + source, e));
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    private static void assertCounted(RecentClients clients, long requests) {
        long seen = clients.estimate(new MonotonicTime(1)).clients();
        assertTrue(Math.abs(seen - SOURCES) <= 1, SOURCES + " sources, " + requests + " requests: estimated " + seen);
    }

    @Test
    void thePortablePathCountsSourcesAcrossItsLoops() throws Exception {
        RecentClients clients = RecentClients.tenMinutes(1);
        clients.estimate(new MonotonicTime(0));
        List<ListenAddress> listen = List.of(ListenAddress.parse("127.0.0.1:0"), ListenAddress.parse("127.0.0.1:0"));
        try (PortableUdpServer server = PortableUdpServer.start(listen, exchange(clients), SystemClocks.REALTIME,
                SystemClocks.MONOTONIC, NO_DEATH)) {
            ask(server.listening());
            assertEquals((long) SOURCES * ROUNDS * 2, server.counters().received());
            assertCounted(clients, server.counters().received());
        }
    }

    @Test
    void theLinuxPathCountsSourcesAcrossItsLoops() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        LinuxAbi abi = LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
        RecentClients clients = RecentClients.tenMinutes(1);
        clients.estimate(new MonotonicTime(0));
        LinuxUdpSettings settings = new LinuxUdpSettings(2, 16, LinuxUdpSettings.TransmitStamp.PREDICTED);
        try (LinuxUdpServer server = LinuxUdpServer.start(abi, List.of(ListenAddress.parse("127.0.0.1:0")),
                exchange(clients), settings, NO_DEATH)) {
            ask(server.listening());
            // this path adds a batch's counts after sending its replies: wait for the last batch's
            for (int i = 0; i < 100 && server.counters().received() < (long) SOURCES * ROUNDS; i++) {
                Thread.sleep(20);
            }
            assertEquals((long) SOURCES * ROUNDS, server.counters().received());
            assertCounted(clients, server.counters().received());
        }
    }
}
