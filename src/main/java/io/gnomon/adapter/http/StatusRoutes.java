package io.gnomon.adapter.http;

import io.gnomon.status.StatusFeed;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each path of the status surface answers: {@code /status.json}, {@code /history.json}, {@code /metrics}
 * (Prometheus text format) and the dashboard at {@code /} with its assets from the jar. Any method but GET is
 * answered 405. No sockets here: a request line in, a {@link Reply} out.
 */
final class StatusRoutes {
    static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    static final String DASHBOARD = "io/gnomon/adapter/http/dashboard/";

    /** Path → (classpath resource, content type). Nothing outside this table is served. */
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {DASHBOARD + "index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {DASHBOARD + "dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {DASHBOARD + "dashboard.css", "text/css; charset=utf-8"},
            "/uplot/uPlot.iife.min.js", new String[] {UPLOT_DIST + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/uplot/uPlot.min.css", new String[] {UPLOT_DIST + "uPlot.min.css", "text/css; charset=utf-8"});

    /** A whole reply; the server adds Content-Length and Connection: close. */
    record Reply(int code, Map<String, String> headers, byte[] body) {
        static Reply text(int code, String text) {
            return new Reply(code, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"),
                    text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final StatusFeed feed;
    private final StatusMetrics metrics;

    StatusRoutes(StatusFeed feed) {
        this.feed = feed;
        this.metrics = new StatusMetrics(feed::latest);
    }

    Reply answer(RequestHead request) {
        if (request == RequestHead.MALFORMED) {
            return Reply.text(400, "not an HTTP/1.x request\n");
        }
        if (!"GET".equals(request.method())) {
            Map<String, String> headers = new LinkedHashMap<>(Reply.text(405, "").headers());
            headers.put("Allow", "GET");
            return new Reply(405, headers, "read-only: only GET is allowed\n".getBytes(StandardCharsets.UTF_8));
        }
        return switch (request.path()) {
            case "/status.json" -> {
                StatusSnapshot s = feed.latest();
                yield s == null ? Reply.text(503, "no status yet\n") : json(StatusJson.write(s));
            }
            case "/history.json" -> json(StatusJson.writeHistory(feed.history().lastHour(), feed.history().lastDay()));
            case "/metrics" -> new Reply(200, Map.of("Content-Type", StatusMetrics.CONTENT_TYPE, "Cache-Control",
                    "no-store"), metrics.scrape());
            default -> asset(request.path());
        };
    }

    private static Reply json(String body) {
        return new Reply(200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply asset(String path) {
        String[] asset = ASSETS.get(path);
        if (asset == null) {
            return Reply.text(404, "not found\n");
        }
        try (InputStream in = StatusRoutes.class.getClassLoader().getResourceAsStream(asset[0])) {
            if (in == null) {
                return Reply.text(500, "asset missing from the jar: " + asset[0] + "\n");
            }
            return new Reply(200, Map.of("Content-Type", asset[1], "Cache-Control",
                    path.startsWith("/uplot/") ? "max-age=86400" : "no-cache"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
