package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.adapter.udp.PortableUdpServer;
import io.gnomon.adapter.udp.UdpServer;
import io.gnomon.ntp.ClientOutcome;
import io.gnomon.ntp.ClientQuery;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServingState;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the NTP socket path: the Linux FFM path where it can run and its live probe passes, the portable
 * path otherwise. Logs one line saying which path runs and why (the Linux path's once its sockets are open, with
 * the receive buffer the kernel gave them, and a warning when that is less than asked).
 */
public final class SocketPaths {
    private static final Logger log = LoggerFactory.getLogger("gnomon");
    private static final long PROBE_MAGIC = 0x676e6f6d6f6e5072L; // "gnomonPr"

    private SocketPaths() {}

    /**
     * Chooses with the platform's own facts and the live layout probe; logs a portable choice now, the Linux path
     * once it starts.
     */
    public static UdpServer.Starter choose(SocketPathSettings settings, RealtimeClock realtime,
                                           MonotonicClock monotonic) {
        SocketPathChoice choice = SocketPathChoice.choose(settings.preference(), System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""), SocketPaths.class.getModule().isNativeAccessEnabled());
        return choose(choice, SocketPaths::probe, realtime, monotonic, settings.linux()).path();
    }

    /** A socket path and the sentence saying which it is and why. */
    public record Chosen(UdpServer.Starter path, String description) {
    }

    /**
     * @param probe runs the Linux path once on loopback; empty when it works, else why not
     */
    static Chosen choose(SocketPathChoice choice, Function<LinuxAbi, Optional<String>> probe,
                         RealtimeClock realtime, MonotonicClock monotonic, LinuxUdpSettings settings) {
        UdpServer.Starter portable = PortableUdpServer.starter(realtime, monotonic);
        String fallback;
        if (choice instanceof SocketPathChoice.Linux(LinuxAbi abi)) {
            Optional<String> failure;
            try {
                failure = probe.apply(abi);
            } catch (RuntimeException | LinkageError e) {
                failure = Optional.of(e.toString());
            }
            if (failure.isEmpty()) {
                String how = abi.name() + ": recvmmsg/sendmmsg, kernel receive timestamps, "
                        + settings.threadsPerAddress() + " thread(s) per address, batch " + settings.batch()
                        + ", send chunk " + settings.sendChunk()
                        + ", transmit stamp " + settings.transmitStamp().name().toLowerCase(java.util.Locale.ROOT)
                        + (settings.interleave() && settings.calibrateEvery() > 0 ? ", interleaved mode" : "");
                String description = "linux-ffm (" + how + ")";
                UdpServer.Starter linux = (addresses, ntp, onLoopDeath) -> {
                    try {
                        PathWarmup.run(abi, ntp.rehearsal(), settings);
                        LinuxUdpServer server = LinuxUdpServer.start(abi, addresses, ntp, settings, onLoopDeath);
                        // logged once the sockets are open: the receive buffer is the one the kernel gave
                        ReceiveBuffer buffer = server.receiveBuffer();
                        log.info("UDP path: linux-ffm ({}, {})", how, buffer.describe());
                        buffer.warning().ifPresent(log::warn);
                        return server;
                    } catch (RuntimeException | LinkageError e) {
                        log.warn("UDP path: portable DatagramChannel (userspace receive timestamps), because the"
                                + " Linux path failed to start: {}", e.toString());
                        return portable.start(addresses, ntp, onLoopDeath);
                    }
                };
                return new Chosen(linux, description);
            }
            fallback = "the Linux path's loopback probe failed: " + failure.get();
        } else {
            fallback = ((SocketPathChoice.Portable) choice).reason();
        }
        String description = "portable DatagramChannel (userspace receive timestamps), because " + fallback;
        log.info("UDP path: {}", description);
        return new Chosen(portable, description);
    }

    /**
     * Serves one client request through the Linux path on 127.0.0.1 (ephemeral port), with a served clock equal
     * to CLOCK_REALTIME, and checks that the reply came back whole, answering our request, with a kernel receive
     * timestamp between the client's send and its receipt of the reply: this catches a wrong structure layout or
     * constant before real clients see it.
     */
    static Optional<String> probe(LinuxAbi abi) {
        ReferenceSnapshot unsynchronised = ReferenceSnapshot.unsynchronised("PRB");
        ServingState identity = new ServingState() {
            @Override
            public ReferenceSnapshot snapshot() {
                return unsynchronised;
            }

            @Override
            public long servedUtcNanos(long realtimeNanos) {
                return realtimeNanos;
            }
        };
        NtpServer ntp = NtpServer.plain(-20, () -> identity);
        ListenAddress local = new ListenAddress(InetAddress.getLoopbackAddress(), 0);
        LinuxUdpSettings one = new LinuxUdpSettings(1, 4, LinuxUdpSettings.TransmitStamp.PREDICTED);
        try (LinuxUdpServer server = LinuxUdpServer.start(abi, List.of(local), ntp, one, (where, why) -> { });
             DatagramChannel client = DatagramChannel.open()) {
            InetSocketAddress to = server.listening().getFirst().socketAddress();
            client.connect(to);
            ByteBuffer out = ClientQuery.request(PROBE_MAGIC);
            UtcTime before = new UtcTime(SystemClocks.REALTIME.now().epochNanos());
            client.write(out);
            ByteBuffer in = ByteBuffer.allocate(64);
            int n = readWithTimeout(client, in);
            UtcTime after = new UtcTime(SystemClocks.REALTIME.now().epochNanos());
            if (n != 48) {
                return Optional.of("reply of " + n + " bytes, expected 48");
            }
            in.flip();
            if (!(ClientQuery.judge(in, PROBE_MAGIC, before, after) instanceof ClientOutcome.Unsynchronised reply)) {
                return Optional.of("reply garbled (iovec or buffer layout): "
                        + ClientQuery.judge(in, PROBE_MAGIC, before, after));
            }
            if (server.pathCounters().userspaceStamps() > 0) {
                return Optional.of("no kernel receive timestamp found in the control message");
            }
            long received = reply.reply().receiveTime().toUtc(before).epochNanos();
            if (received < before.epochNanos() - 1_000_000L || received > after.epochNanos() + 1_000_000L) {
                return Optional.of("kernel receive timestamp " + received + " not between send "
                        + before.epochNanos() + " and reply " + after.epochNanos() + " (timespec layout)");
            }
            return Optional.empty();
        } catch (ListenException | IOException | RuntimeException | LinkageError e) {
            return Optional.of(e.toString());
        }
    }

    /**
     * How long the probe waits for its reply. The first request through the Linux path links every FFM downcall and
     * runs interpreted: on the virtual Pi (arm64 under QEMU TCG) that took over a second and the probe fell back to the
     * portable path (issue 14); a loaded Pi Zero is not much faster. Only a broken path waits this long.
     */
    static final long PROBE_TIMEOUT_NANOS = 15_000_000_000L;

    private static int readWithTimeout(DatagramChannel client, ByteBuffer in) throws IOException {
        client.configureBlocking(false);
        long deadline = System.nanoTime() + PROBE_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            int n = client.read(in);
            if (n > 0) {
                return n;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }
}
