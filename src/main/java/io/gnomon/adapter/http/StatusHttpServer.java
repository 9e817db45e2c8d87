package io.gnomon.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gnomon.status.StatusFeed;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only status surface over HTTP (the JDK's built-in server): {@code /status.json}, {@code /history.json},
 * {@code /metrics} (Prometheus text format) and the dashboard at {@code /} with its assets from the jar.
 * Any method but GET is answered 405.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);

    static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    static final String DASHBOARD = "io/gnomon/adapter/http/dashboard/";

    /** Path → (classpath resource, content type). Nothing outside this table is served. */
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {DASHBOARD + "index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {DASHBOARD + "dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {DASHBOARD + "dashboard.css", "text/css; charset=utf-8"},
            "/uplot/uPlot.iife.min.js", new String[] {UPLOT_DIST + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/uplot/uPlot.min.css", new String[] {UPLOT_DIST + "uPlot.min.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @throws HttpListenException with a one-line reason when the address cannot be bound
     */
    public static StatusHttpServer start(InetSocketAddress at, StatusFeed feed) throws HttpListenException {
        HttpServer server;
        try {
            server = HttpServer.create(at, 16);
        } catch (BindException e) {
            throw new HttpListenException(at, describe(e));
        } catch (IOException e) {
            throw new HttpListenException(at, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        StatusMetrics metrics = new StatusMetrics(feed::latest);
        ExecutorService executor = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("gnomon-http-", 0)
                .factory());
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, feed, metrics));
        server.start();
        return new StatusHttpServer(server, executor);
    }

    private static String describe(BindException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("already in use")) {
            return "address already in use (another Gnomon, or another web server, is listening there)";
        }
        if (m.contains("cannot assign")) {
            return "no interface of this host has that address";
        }
        if (m.contains("permission denied")) {
            return "permission denied";
        }
        return e.getMessage();
    }

    /** Where it listens (port 0 resolved). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void serve(HttpExchange exchange, StatusFeed feed, StatusMetrics metrics) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "read-only: only GET is allowed\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/status.json" -> {
                    StatusSnapshot s = feed.latest();
                    if (s == null) {
                        send(exchange, 503, "text/plain; charset=utf-8", "no status yet\n");
                    } else {
                        send(exchange, 200, "application/json", StatusJson.write(s));
                    }
                }
                case "/history.json" -> send(exchange, 200, "application/json",
                        StatusJson.writeHistory(feed.history().lastHour(), feed.history().lastDay()));
                case "/metrics" -> {
                    byte[] body = metrics.scrape();
                    exchange.getResponseHeaders().set("Cache-Control", "no-store");
                    exchange.getResponseHeaders().set("Content-Type", StatusMetrics.CONTENT_TYPE);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                default -> serveAsset(exchange, path);
            }
        } catch (RuntimeException e) {
            log.warn("HTTP {} failed: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private static void serveAsset(HttpExchange exchange, String path) throws IOException {
        String[] asset = ASSETS.get(path);
        if (asset == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        byte[] body;
        try (InputStream in = StatusHttpServer.class.getClassLoader().getResourceAsStream(asset[0])) {
            if (in == null) {
                send(exchange, 500, "text/plain; charset=utf-8", "asset missing from the jar: " + asset[0] + "\n");
                return;
            }
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", asset[1]);
        exchange.getResponseHeaders().set("Cache-Control", path.startsWith("/uplot/") ? "max-age=86400" : "no-cache");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void send(HttpExchange exchange, int code, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
