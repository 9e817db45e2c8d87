package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestServers;
import io.gnomon.ntp.Authentication;
import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.RateLimitSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood from thousands of loopback source addresses (127.1.0.1 upwards: on Linux all of 127.0.0.0/8 is
 * local, so a socket binds any of them without aliases) through the Linux path with the rate limiter on for
 * loopback, into a table 8× smaller than the number of sources, while one polite client polls. Behaviour, not
 * speed: offenders go one after another, each reading its replies before the next starts, so nothing is lost
 * to a full socket buffer.
 *
 * <p>Each offender sends {@value #BURST} requests back to back from its own address; the limiter allows
 * {@value #ALLOWED} and refuses the rest, answering one refusal in {@value #KISS_ONE_IN} with KoD RATE (LI 3,
 * stratum 0, refid RATE). Every reply must be mode 4, no longer than the request, and carry that offender's
 * origin. Mode 6 and mode 7 queries from another source are never answered.
 */
class RateLimitFloodTest {
    private static final int SLOTS = 256;
    private static final int OFFENDERS = 2_000;
    private static final int BURST = 12;
    private static final int ALLOWED = 4;
    private static final int KISS_ONE_IN = 4;
    /** refusals 0, 4, … of each burst are kissed (when the burst is sent faster than one interval) */
    private static final int KISSES = (BURST - ALLOWED + KISS_ONE_IN - 1) / KISS_ONE_IN;
    private static final long INTERVAL_NANOS = 200_000_000L;
    private static final long POLITE_EVERY_MILLIS = 300;

    private static LinuxAbi abi;

    @BeforeAll
    static void onLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        abi = LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
    }

    @Test
    void manySourcesAreLimitedInABoundedTableWhileAPoliteClientIsServed() throws Exception {
        RateLimitSettings limits = new RateLimitSettings(true, SLOTS, INTERVAL_NANOS, ALLOWED, KISS_ONE_IN, true);
        NtpServer ntp = TestServers.server(limits, new Authentication.Off());
        LinuxUdpSettings settings = new LinuxUdpSettings(1, 64, LinuxUdpSettings.TransmitStamp.PREDICTED);
        try (LinuxUdpServer server = LinuxUdpServer.start(abi, List.of(ListenAddress.parse("127.0.0.1:0")), ntp,
                settings, (where, why) -> {
                    throw new AssertionError("receive loop for " + where + " died", why);
                })) {
            InetSocketAddress to = server.listening().getFirst().socketAddress();
            assertEquals(new NtpServer.RateTable(0, SLOTS), ntp.rateTable(), "empty table of fixed size");

            Polite polite = new Polite(to);
            Thread politeThread = Thread.ofPlatform().name("flood-polite").start(polite);

            long maxEntries = 0;
            long served = 0;
            long kissed = 0;
            int exact = 0;
            Replies replies = new Replies();
            for (int i = 0; i < OFFENDERS; i++) {
                // 127.1.0.1 … 127.1.0.254, 127.1.1.1 …: no .0 or .255 (Java refuses to bind those)
                InetAddress source = InetAddress.getByAddress(
                        new byte[] {127, 1, (byte) (i / 254), (byte) (1 + i % 254)});
                try (LoopbackClient offender = new LoopbackClient(to, new InetSocketAddress(source, 0))) {
                    for (int k = 0; k < BURST; k++) {
                        offender.send(request(((long) i << 32) | k));
                    }
                    replies.reset();
                    for (int n = 0; n < ALLOWED + KISSES; n++) {
                        ByteBuffer r = offender.receive();
                        assertNotNull(r, "offender " + i + ": only " + n + " replies to a burst of " + BURST);
                        replies.judge(r, i);
                    }
                }
                assertNull(replies.failure);
                int s = replies.served;
                int k = replies.kissed;
                assertTrue(s >= ALLOWED && k >= 1, "offender " + i + ": " + s + " answered, " + k + " KoD RATE");
                served += s;
                kissed += k;
                exact += s == ALLOWED && k == KISSES ? 1 : 0;
                maxEntries = Math.max(maxEntries, ntp.rateTable().entries());
            }
            // mode 6 (ntpq) and mode 7 (ntpdc monlist) from one more source: never answered
            int probes = 0;
            try (LoopbackClient prober = new LoopbackClient(to, new InetSocketAddress("127.0.0.3", 0))) {
                for (int round = 0; round < 4; round++) {
                    for (int mode : new int[] {6, 7}) {
                        prober.send(controlQuery(mode));
                        probes++;
                    }
                }
                org.junit.jupiter.api.Assertions.assertNull(prober.receive(), "a mode 6 or 7 query was answered");
            }
            polite.stop();
            politeThread.join(10_000);

            NtpServer.RateTable table = ntp.rateTable();
            assertEquals(SLOTS, table.capacity(), "the table never grows");
            assertTrue(maxEntries <= SLOTS && table.entries() <= SLOTS, "entries within the fixed capacity");
            assertEquals(SLOTS, table.entries(), OFFENDERS + " sources filled every slot (the flood reached the bound)");
            // The burst goes out in well under one interval, so normally exactly ALLOWED are answered and KISSES
            // kissed; a stalled sender (a later request allowed) or an eviction mid-burst by the polite client
            // (the offender starts again with a full burst) may change that for a few, never to no KoD at all.
            assertTrue(exact >= OFFENDERS * 9 / 10, exact + " of " + OFFENDERS + " offenders saw exactly "
                    + ALLOWED + " answers and " + KISSES + " KoD");
            var counted = ntp.counters().snapshot();
            assertTrue(kissed <= counted.kissOfDeathSent() && served + polite.served.get() <= counted.replies(),
                    "no reply the server did not send");
            assertEquals((long) OFFENDERS * BURST + polite.polls.get() + probes, counted.requests(),
                    "every datagram reached the server and was counted once");
            assertTrue(counted.dropped(DropReason.MODE_CONTROL) + counted.dropped(DropReason.MODE_PRIVATE) >= 2,
                    "the probes reached the responder: " + counted.dropped());

            assertNull(polite.failure.get());
            assertTrue(polite.polls.get() >= 3, "the polite client polled during the flood: " + polite.polls);
            assertEquals(polite.polls.get(), polite.served.get(), "every poll of the polite client was answered");
        }
    }

    private static void bindTo(DatagramChannel channel, InetSocketAddress at, int offender) throws IOException {
        try {
            channel.bind(at);
        } catch (IOException e) {
            throw new IOException("offender " + offender + " could not bind " + at + ": " + e.getMessage(), e);
        }
    }

    private static void assertNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNull(o, () -> String.valueOf(o));
    }

    /** A 48-byte mode 3 request whose transmit timestamp is {@code tag}. */
    private static ByteBuffer request(long tag) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) 0x23);
        b.putLong(40, tag);
        return b;
    }

    /** An ntpq (mode 6) read or an ntpdc (mode 7, monlist) request, padded to 48 bytes. */
    private static ByteBuffer controlQuery(int mode) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) (mode == 6 ? 0x16 : 0x17));
        b.put(1, (byte) (mode == 6 ? 0x02 : 0x00));
        if (mode == 7) {
            b.put(2, (byte) 3);
            b.put(3, (byte) 42);
        }
        return b;
    }

    /** The replies one offender received, judged. */
    private static final class Replies {
        int served;
        int kissed;
        String failure;

        void reset() {
            served = 0;
            kissed = 0;
        }

        void judge(ByteBuffer r, int offender) {
            if (r.remaining() > 48) {
                failure = "reply of " + r.remaining() + " bytes to a 48-byte request";
            } else if (r.remaining() < 48 || (r.get(0) & 7) != 4) {
                failure = "not a mode 4 reply: " + r.remaining() + " bytes, first byte " + r.get(0);
            } else if ((r.getLong(24) >>> 32) != offender) {
                failure = "reply with another client's origin: " + Long.toHexString(r.getLong(24));
            } else if (r.get(1) == 0) {
                String refid = new String(new byte[] {r.get(12), r.get(13), r.get(14), r.get(15)},
                        StandardCharsets.US_ASCII);
                if (!refid.equals("RATE") || ((r.get(0) >> 6) & 3) != 3) {
                    failure = "stratum 0 reply that is not a KoD RATE: " + refid;
                }
                kissed++;
            } else {
                served++;
            }
        }
    }

    /** One client at 127.0.0.2 keeping to the rate: one request per {@value #POLITE_EVERY_MILLIS} ms. */
    private static final class Polite implements Runnable {
        private final InetSocketAddress server;
        final AtomicLong polls = new AtomicLong();
        final AtomicLong served = new AtomicLong();
        final AtomicReference<String> failure = new AtomicReference<>();
        private volatile boolean stopping;

        Polite(InetSocketAddress server) {
            this.server = server;
        }

        void stop() {
            stopping = true;
        }

        @Override
        public void run() {
            try (LoopbackClient client = new LoopbackClient(server, new InetSocketAddress("127.0.0.2", 0))) {
                List<String> problems = new ArrayList<>();
                for (long tag = 1; !stopping || tag <= 3; tag++) {
                    client.send(request(tag));
                    polls.incrementAndGet();
                    ByteBuffer r = client.receive();
                    if (r == null) {
                        problems.add("poll " + tag + ": no reply");
                    } else if (r.remaining() != 48 || (r.get(0) & 7) != 4 || r.get(1) != 1 || r.getLong(24) != tag) {
                        problems.add("poll " + tag + ": not a stratum 1 mode 4 reply to it (stratum " + r.get(1) + ")");
                    } else {
                        served.incrementAndGet();
                    }
                    Thread.sleep(POLITE_EVERY_MILLIS);
                }
                if (!problems.isEmpty()) {
                    failure.set(String.join("; ", problems));
                }
            } catch (IOException | InterruptedException e) {
                failure.set(e.toString());
            }
        }
    }
}
