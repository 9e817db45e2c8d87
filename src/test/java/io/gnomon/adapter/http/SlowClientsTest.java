package io.gnomon.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.status.Snapshots;
import io.gnomon.status.StatusFeed;
import io.gnomon.status.StatusHistory;
import io.gnomon.testing.CommandRun;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 9: clients that send a request head slowly (or never finish it), or never read their reply, must not
 * stop anyone else. The slow clients here never time out during the test (header and write limits of ten
 * minutes), so a prompt answer can only come from the server not waiting on them.
 */
@Tag("slow")
class SlowClientsTest {
    private static final HttpLimits PATIENT = new HttpLimits(Duration.ofMinutes(10), Duration.ofMinutes(10),
            HttpLimits.DEFAULT.perSource(), HttpLimits.DEFAULT.total(), HttpLimits.DEFAULT.maxHeadBytes());

    @Test
    void aThousandUnfinishedRequestsAndStalledReadersLeaveScrapeAndStatusAnswering() throws Exception {
        StatusFeed feed = new StatusFeed(new StatusHistory(), 60);
        feed.accept(Snapshots.ppsLocked(), 1000);
        List<SocketChannel> slow = new ArrayList<>();
        try (StatusHttpServer server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), feed, PATIENT);
             HttpClient client = HttpClient.newHttpClient()) {
            int port = server.address().getPort();
            // both clients once before the flood, so what is timed below is the server, not class loading
            assertEquals(200, scrape(client, port).statusCode());
            assertEquals(0, status(port).code(), "gnomon status before the flood");
            // 20 readers that ask for the biggest asset and never read it, with a tiny receive window
            for (int i = 0; i < 20; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 1024);
                ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (i + 1)}), 0));
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                ch.write(ascii("GET /uplot/uPlot.iife.min.js HTTP/1.1\r\nHost: gnomon\r\n\r\n"));
                slow.add(ch);
            }
            // 1000 unfinished heads from 100 addresses (127.0.2.1 … 127.0.2.100, ten each)
            for (int i = 0; i < 1000; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 2, (byte) (i % 100 + 1)}), 0));
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                ch.write(ascii("GET /status.json HTTP/1.1\r\nHost: gnomon\r\n"));
                slow.add(ch);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.openConnections() + server.closedByReason().get("evicted_for_newer") < 1020
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1020, server.openConnections() + server.closedByReason().get("evicted_for_newer"),
                    "the server saw every slow connection");
            assertEquals(HttpLimits.DEFAULT.total(), server.openConnections(), "the newest ones are held, up to the bound");

            long t0 = System.nanoTime();
            HttpResponse<String> scrape = scrape(client, port);
            long scrapeNanos = System.nanoTime() - t0;
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.body().contains("gnomon_offset_seconds"), scrape.body());
            t0 = System.nanoTime();
            CommandRun status = status(port);
            long statusNanos = System.nanoTime() - t0;
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("State           : PPS locked"), status.out());

            System.out.printf("1020 slow connections (1000 unfinished heads, 20 stalled readers): scrape %.1f ms,"
                    + " gnomon status %.1f ms, %d held, closed %s%n", scrapeNanos / 1e6, statusNanos / 1e6,
                    server.openConnections(), server.closedByReason());
            assertTrue(scrapeNanos < 1_000_000_000L, "scrape took " + scrapeNanos / 1e6 + " ms");
            assertTrue(statusNanos < 1_000_000_000L, "gnomon status took " + statusNanos / 1e6 + " ms");
        } finally {
            for (SocketChannel ch : slow) {
                ch.close();
            }
        }
    }

    @Test
    void anUnfinishedHeadIsClosedAtItsDeadlineAndCounted() throws Exception {
        HttpLimits quick = new HttpLimits(Duration.ofMillis(200), Duration.ofMillis(200), 8, 256, 8192);
        StatusFeed feed = new StatusFeed(new StatusHistory(), 60);
        try (StatusHttpServer server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), feed, quick);
             Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.getOutputStream().write("GET /status.json HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "closed without a reply");
            assertEquals(1L, server.closedByReason().get("header_timeout"));
        }
    }

    @Test
    void anOversizedHeadIsAnswered431() throws Exception {
        StatusFeed feed = new StatusFeed(new StatusHistory(), 60);
        try (StatusHttpServer server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), feed);
             Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.getOutputStream().write(("GET / HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(30_000);
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 431 "), reply);
        }
    }

    private static HttpResponse<String> scrape(HttpClient client, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code gnomon status --url …}, in this JVM. */
    private static CommandRun status(int port) {
        return CommandRun.gnomon("status", "--url", "http://127.0.0.1:" + port);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
