package io.gnomon.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.status.StatusFeed;
import io.gnomon.status.StatusHistory;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.status.Snapshots;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusHttpServerTest {
    /** The metric names docs/STATUS.md documents. */
    static final List<String> DOCUMENTED = List.of("gnomon_build_info", "gnomon_uptime_seconds", "gnomon_lock_state",
            "gnomon_serving", "gnomon_lock_state_duration_seconds", "gnomon_stratum", "gnomon_offset_seconds",
            "gnomon_jitter_seconds", "gnomon_frequency_ppm", "gnomon_nmea_delay_seconds",
            "gnomon_root_dispersion_seconds", "gnomon_satellites_in_view", "gnomon_satellites_used",
            "gnomon_satellite_snr_dbhz", "gnomon_pps_edges", "gnomon_leap_indicator",
            "gnomon_leap_file_expiry_timestamp_seconds", "gnomon_leap_file_expired", "gnomon_ntp_requests_total", "gnomon_ntp_replies_total",
            "gnomon_ntp_kiss_of_death_total", "gnomon_ntp_dropped_total", "gnomon_ntp_clients_seen",
            "gnomon_ntp_clients_window_seconds", "gnomon_ntp_rate_limiter_entries", "gnomon_ntp_rate_limiter_capacity",
            "gnomon_jvm_heap_used_bytes", "gnomon_jvm_heap_after_gc_bytes");

    private final HttpClient client = HttpClient.newHttpClient();
    private StatusFeed feed;
    private StatusHttpServer server;

    @BeforeEach
    void start() throws Exception {
        feed = new StatusFeed(new StatusHistory(), 60);
        server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), feed);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusJsonIsTheLatestSnapshot() throws Exception {
        assertEquals(503, request("GET", "/status.json").statusCode());
        StatusSnapshot s = Snapshots.ppsLocked();
        feed.accept(s, 1000);
        HttpResponse<String> r = request("GET", "/status.json");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(s, StatusJson.read(r.body()));
    }

    @Test
    void everyMethodButGetIsRefused() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/", "/status.json", "/metrics", "/nowhere")) {
                HttpResponse<String> r = request(method, path);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
            }
        }
    }

    @Test
    void theDashboardAndItsAssetsComeFromTheJarAndNothingElseIsServed() throws Exception {
        HttpResponse<String> page = request("GET", "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<meta name=\"viewport\""), "phone-ready page");
        assertTrue(page.body().contains("/uplot/uPlot.iife.min.js"));
        HttpResponse<String> uplot = request("GET", "/uplot/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.body().contains("uPlot"));
        assertEquals(200, request("GET", "/uplot/uPlot.min.css").statusCode());
        assertEquals(200, request("GET", "/dashboard.js").statusCode());
        assertEquals(200, request("GET", "/dashboard.css").statusCode());
        assertEquals(404, request("GET", "/../../etc/passwd").statusCode());
        assertEquals(404, request("GET", "/uplot/uPlot.d.ts").statusCode());
    }

    @Test
    void metricsParseAsPrometheusTextWithEveryDocumentedName() throws Exception {
        feed.accept(Snapshots.ppsLocked(), 1000);
        HttpResponse<String> r = request("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        Map<String, PrometheusText.Family> families = PrometheusText.parse(r.body());
        assertEquals(DOCUMENTED.stream().sorted().toList(), families.keySet().stream().sorted().toList());
        for (PrometheusText.Family f : families.values()) {
            if (f.type().equals("counter")) {
                assertTrue(f.samples().stream().allMatch(s -> s.name().endsWith("_total")), f.name());
            }
            assertFalse(f.help() == null || f.help().isEmpty(), f.name() + " has help");
        }
        assertEquals(-42e-9, value(families, "gnomon_offset_seconds", Map.of()));
        assertEquals(1000.0, value(families, "gnomon_ntp_requests_total", Map.of()));
        assertEquals(7.0, value(families, "gnomon_ntp_dropped_total", Map.of("reason", "TOO_SHORT")));
        assertEquals(1.0, value(families, "gnomon_lock_state", Map.of("state", "PPS locked")));
        assertEquals(41.0, value(families, "gnomon_satellite_snr_dbhz",
                Map.of("constellation", "GPS", "satellite", "5", "used", "true")));
        assertEquals(1, families.get("gnomon_satellite_snr_dbhz").samples().size(), "an untracked satellite has no SNR");
        assertEquals(1_814_140_800.0, value(families, "gnomon_leap_file_expiry_timestamp_seconds", Map.of()));
    }

    @Test
    void unknownValuesAreLeftOutOfMetrics() throws Exception {
        StatusSnapshot s = Snapshots.ppsLocked();
        feed.accept(new StatusSnapshot(s.version(), s.generatedAt(), 1, s.lock(),
                new StatusSnapshot.Clock("GPS", 16, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 16), s.receiver(),
                s.pps(), s.leap(), s.ntp(), s.drill()), 1);
        Map<String, PrometheusText.Family> families = PrometheusText.parse(request("GET", "/metrics").body());
        PrometheusText.Family offset = families.get("gnomon_offset_seconds");
        assertTrue(offset == null || offset.samples().isEmpty(), String.valueOf(offset));
        assertEquals(16.0, value(families, "gnomon_stratum", Map.of()));
        assertFalse(request("GET", "/metrics").body().contains("NaN"));
    }

    @Test
    void theStrictParserRejectsBrokenExpositions() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x_total 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx{a=\"b} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx 1\nx 2\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE 1x gauge\n"));
    }

    @Test
    void aTakenPortIsOneLineNamingIt() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            HttpListenException e = assertThrows(HttpListenException.class, () -> StatusHttpServer.start(
                    new InetSocketAddress("127.0.0.1", squatter.getLocalPort()), feed));
            assertEquals("cannot serve HTTP on 127.0.0.1:" + squatter.getLocalPort()
                    + ": address already in use (another Gnomon, or another web server, is listening there)",
                    e.getMessage());
        }
    }

    private static double value(Map<String, PrometheusText.Family> families, String family, Map<String, String> labels) {
        List<PrometheusText.Sample> match = families.get(family).samples().stream()
                .filter(s -> s.labels().equals(labels)).collect(Collectors.toList());
        assertEquals(1, match.size(), family + labels + " in " + families.get(family));
        return match.get(0).value();
    }

    @Test
    void aRunningDrillShowsInStatusJsonAndMetricsAndDisappearsAfter() throws Exception {
        feed.accept(Snapshots.ppsLocked().withDrill(new io.gnomon.status.StatusSnapshot.Drill("pps-loss",
                "PPS line lost", 2, 3, 42)), 1000);
        assertTrue(request("GET", "/status.json").body().contains("\"drill\":{\"name\":\"pps-loss\""));
        Map<String, PrometheusText.Family> during = PrometheusText.parse(request("GET", "/metrics").body());
        assertTrue(during.containsKey("gnomon_drill_active"), during.keySet().toString());
        assertTrue(request("GET", "/metrics").body().contains("gnomon_drill_active{name=\"pps-loss\",step=\"2\"} 1.0"));
        feed.accept(Snapshots.ppsLocked(), 1001);
        assertTrue(request("GET", "/status.json").body().contains("\"drill\":null"));
        assertFalse(PrometheusText.parse(request("GET", "/metrics").body()).containsKey("gnomon_drill_active"));
    }
}
