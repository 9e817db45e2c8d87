package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.ntp.NtpServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Linux receive loop's own code hot before the real sockets open: a throwaway loop on 127.0.0.1
 * (ephemeral port, the real policy and served time, counters of its own) answers a few tens of thousands of requests from a local
 * client, one in flight (the path of a lone client: wake-up, batch of one, send alone) and several in flight
 * (batches and chunks).
 *
 * <p>Why: at the rate real LAN clients poll (one request every few seconds per client), the JIT would leave
 * the receive path interpreted for hours — HotSpot compiles a method after thousands of calls. Measured with
 * {@code scripts/client-view} (chronyd polling 16 times a second on loopback): cold, a reply's delay p50 was
 * 66 µs against chronyd-as-server's 10 µs, and T3 early enough to bias the client's offset by −5 µs; after this
 * warm-up the delay is chronyd's (docs/PERFORMANCE.md, "What one client sees"). The responder warm-up
 * ({@code Warmup}) only covers the reply code, not the socket path around it (FFM downcalls, control messages,
 * the transmit schedule).
 */
final class PathWarmup {
    private static final Logger log = LoggerFactory.getLogger(PathWarmup.class);
    /** Requests sent one at a time, then in groups of {@link #GROUP}: enough for the C2 thresholds. */
    static final int SINGLE_REQUESTS = 24_000;
    static final int GROUPED_REQUESTS = 24_000;
    static final int GROUP = 24;
    /** The warm-up never takes longer than this (a slow or loaded host just gets a shorter one). */
    static final long MAX_NANOS = 4_000_000_000L;

    private PathWarmup() {}

    /**
     * Warms the path with {@code settings}, answering through {@code ntp}: the real server's
     * {@link NtpServer#rehearsal()}, so the compiled code is specialised to the real policy and serving types
     * (a warm-up through other types was undone by deoptimisation at the first real requests).
     */
    static void run(LinuxAbi abi, NtpServer ntp, LinuxUdpSettings settings) {
        long start = System.nanoTime();
        ListenAddress local = new ListenAddress(InetAddress.getLoopbackAddress(), 0);
        long answered = 0;
        try (LinuxUdpServer server = LinuxUdpServer.start(abi, List.of(local), ntp, settings.forWarmup(),
                (where, why) -> { });
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.connect(server.listening().getFirst().socketAddress());
            client.setSoTimeout(200);
            long deadline = start + MAX_NANOS;
            answered += exchange(client, SINGLE_REQUESTS, 1, deadline);
            answered += exchange(client, GROUPED_REQUESTS, GROUP, deadline);
        } catch (Exception e) {
            log.debug("receive path warm-up stopped early: {}", e.toString());
        }
        log.debug("receive path warmed with {} requests in {} ms", answered, (System.nanoTime() - start) / 1_000_000);
    }

    /** Sends {@code total} requests {@code inFlight} at a time; returns how many were answered. */
    private static long exchange(DatagramSocket client, int total, int inFlight, long deadline) throws IOException {
        byte[] request = new byte[48];
        request[0] = 0x23; // version 4, client
        byte[] in = new byte[64];
        DatagramPacket out = new DatagramPacket(request, request.length);
        DatagramPacket reply = new DatagramPacket(in, in.length);
        long answered = 0;
        for (int sent = 0; sent < total && System.nanoTime() < deadline; ) {
            for (int k = 0; k < inFlight; k++, sent++) {
                request[47] = (byte) sent;
                client.send(out);
            }
            for (int k = 0; k < inFlight; k++) {
                try {
                    client.receive(reply);
                    answered++;
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
        }
        return answered;
    }
}
