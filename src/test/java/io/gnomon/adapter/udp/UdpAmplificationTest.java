package io.gnomon.adapter.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpMode;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RateLimitSettings;
import io.gnomon.ntp.RecentClients;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.ntp.ServerPolicy;
import io.gnomon.ntp.ServingState;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No amplification through the real socket path (RFC 8633 §3.5, the mode 6/7 "monlist" attacks): hostile and
 * real datagrams sent over loopback to a running in-process server (PortableUdpServer and the real
 * NtpServerCore with the standard rate limits). For every datagram: at most one reply, never more bytes than were sent, mode 4 with the
 * request's transmit timestamp as origin; mode 6 and 7 never get anything back. Datagrams go one at a time and the
 * responder's counters say when each was handled, so a missing reply is known, not waited for.
 *
 * <p>What is sent: the captured client requests, every seed and finding of the NTP fuzz targets (and Jazzer's
 * generated corpus for them when a long run left one in .cifuzz-corpus/), classic mode 6 (ntpq readvar) and
 * mode 7 (ntpdc monlist) requests of every version, the empty datagram, datagrams longer than the server's
 * buffer up to the largest UDP payload, and a few thousand seeded random and mutated datagrams.
 */
class UdpAmplificationTest {

    private static final ReferenceSnapshot SYNCED = new ReferenceSnapshot(true, 1, "PPS",
            UtcTime.ofEpochSecond(1_800_000_000L), 0, 1e-5, LeapIndicator.NO_WARNING);
    private static final UdpServer.LoopDeath NO_DEATH = (where, why) -> {
        throw new AssertionError("loop on " + where + " died", why);
    };
    private static final int RANDOM_DATAGRAMS = 3000;

    private final ServerCounters counters = new ServerCounters();
    private PortableUdpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noDatagramGetsMoreBytesBackAndModes6And7GetNothing() throws Exception {
        ServingState serving = TestServers.identity(SYNCED);
        NtpServer ntp = new NtpServer(ServerPolicy.of(-20, RateLimitSettings.standard()), () -> serving, counters,
                RecentClients.tenMinutes(1), () -> 5);
        server = PortableUdpServer.start(List.of(ListenAddress.parse("127.0.0.1:0")), ntp,
                () -> new RealtimeTime(System.currentTimeMillis() * 1_000_000L),
                () -> new MonotonicTime(System.nanoTime()), NO_DEATH);
        ListenAddress at = server.listening().getFirst();

        List<byte[]> datagrams = new ArrayList<>();
        datagrams.addAll(realRequests());
        int realCount = datagrams.size();
        datagrams.addAll(fuzzCorpus());
        int controlAndPrivate = datagrams.size();
        datagrams.addAll(modes6And7());
        controlAndPrivate = datagrams.size() - controlAndPrivate;
        datagrams.add(new byte[0]);
        datagrams.add(new byte[PortableUdpServer.BUFFER_BYTES + 1]);
        datagrams.add(padded(realRequests().getFirst(), 4000));
        datagrams.add(padded(realRequests().getFirst(), 65_507));
        datagrams.addAll(randomDatagrams(new SplittableRandom(20261125L), realRequests()));

        int replies = 0;
        long modeDrops = 0;
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSendBufferSize(1 << 17);
            for (int i = 0; i < datagrams.size(); i++) {
                byte[] d = datagrams.get(i);
                client.send(new DatagramPacket(d, d.length, at.socketAddress()));
                ServerCounters.Snapshot s = awaitHandled(i + 1);
                if (s.replies() > replies) {
                    replies++;
                    ByteBuffer reply = receive(client, 10_000);
                    assertNotNull(reply, "the server counted a reply to datagram " + i + " that never came");
                    checkReply(d, reply, i);
                }
                assertEquals(replies, s.replies());
            }
            assertNull(receive(client, 300), "no reply beyond those counted");
        }
        ServerCounters.Snapshot s = counters.snapshot();
        modeDrops = s.dropped(DropReason.MODE_CONTROL) + s.dropped(DropReason.MODE_PRIVATE);
        assertTrue(modeDrops >= controlAndPrivate, "every mode 6/7 request dropped: " + s);
        assertTrue(replies >= realCount, "the real requests were answered (so silence is not the reason): " + replies);
        assertEquals(0, server.counters().handlerFailures());
        assertEquals(replies, server.counters().replied());
    }

    private static void checkReply(byte[] request, ByteBuffer reply, int index) {
        String which = "datagram " + index + " (" + request.length + " bytes, first byte "
                + (request.length > 0 ? String.format("0x%02x", request[0]) : "-") + ")";
        assertTrue(reply.remaining() <= request.length, which + ": reply of " + reply.remaining() + " bytes");
        int mode = request[0] & 7;
        if (mode == 6 || mode == 7) {
            fail(which + ": mode " + mode + " answered");
        }
        NtpPacket p = NtpPacket.decode(reply);
        assertEquals(NtpMode.SERVER, p.mode(), which);
        assertEquals(ByteBuffer.wrap(request).getLong(40), p.originTime().bits(), which + ": origin");
    }

    private ServerCounters.Snapshot awaitHandled(long requests) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            ServerCounters.Snapshot s = counters.snapshot();
            // handled = counted as a reply or a drop (a request is counted before its outcome)
            if (s.replies() + s.totalDropped() >= requests) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                fail("the server did not see datagram " + requests + " within 10 s; " + server.counters());
            }
            Thread.sleep(0, 200_000);
        }
    }

    private static ByteBuffer receive(DatagramSocket client, int timeoutMillis) throws IOException {
        client.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[70_000];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            client.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return ByteBuffer.wrap(buf, 0, p.getLength()).slice();
    }

    static List<byte[]> realRequests() {
        return files(resource("/ntp/requests")).stream().filter(f -> f.toString().endsWith(".hex"))
                .map(f -> HexFormat.of().parseHex(read(f, true))).toList();
    }

    /** The NTP fuzz targets' seeds and findings, and a long run's generated corpus if one is lying around. */
    static List<byte[]> fuzzCorpus() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(resource("/io/gnomon/ntp/NtpResponderFuzzTestInputs/anyDatagramIsAnsweredSafelyOrDropped"));
        Path generated = Path.of(".cifuzz-corpus/io.gnomon.ntp.NtpResponderFuzzTest/anyDatagramIsAnsweredSafelyOrDropped");
        if (Files.isDirectory(generated)) {
            dirs.add(generated);
        }
        List<byte[]> out = new ArrayList<>();
        for (Path dir : dirs) {
            files(dir).stream().map(f -> read(f)).filter(b -> b.length <= 65_507).forEach(out::add);
        }
        assertTrue(out.size() >= 6, "the fuzz seeds are there");
        return out;
    }

    /** ntpq's readvar (mode 6) and ntpdc's monlist (mode 7, implementation 3, request 42) in every version. */
    static List<byte[]> modes6And7() {
        List<byte[]> out = new ArrayList<>();
        for (int version = 0; version <= 7; version++) {
            byte[] readvar = {(byte) (version << 3 | 6), 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0};
            out.add(readvar);
            out.add(padded(readvar, 48));
            out.add(padded(readvar, 468));
            for (int length : new int[] {8, 48, 192}) {
                byte[] monlist = new byte[length];
                monlist[0] = (byte) (version << 3 | 7);
                monlist[2] = 3;
                monlist[3] = 42;
                out.add(monlist);
            }
        }
        return out;
    }

    private static List<byte[]> randomDatagrams(SplittableRandom random, List<byte[]> real) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < RANDOM_DATAGRAMS; i++) {
            byte[] d;
            switch (i % 3) {
                case 0 -> { // any bytes
                    d = new byte[random.nextInt(0, 600)];
                    random.nextBytes(d);
                }
                case 1 -> { // header-sized with a trailer of whole words, any first byte
                    d = new byte[48 + 4 * random.nextInt(0, 30)];
                    random.nextBytes(d);
                }
                default -> { // a real request, resized and with a few bytes changed
                    byte[] g = real.get(random.nextInt(real.size()));
                    d = Arrays.copyOf(g, Math.max(0, g.length + random.nextInt(-8, 40)));
                    for (int k = random.nextInt(0, 4); k > 0 && d.length > 0; k--) {
                        d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                    }
                }
            }
            out.add(d);
        }
        return out;
    }

    private static byte[] padded(byte[] b, int length) {
        return Arrays.copyOf(b, length);
    }

    private static Path resource(String name) {
        try {
            return Path.of(UdpAmplificationTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f, boolean text) {
        return new String(read(f), java.nio.charset.StandardCharsets.US_ASCII).strip();
    }
}
