package io.gnomon.cli;

import io.gnomon.daemon.StatusHttp;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.status.StatusText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gnomon status}: what the running server says about itself, from its HTTP status surface. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {"Show the running Gnomon's lock state and why, offset, jitter, frequency, satellites, leap",
                "second and NTP counters (like chronyc tracking). Exit 1 when no Gnomon answers."})
public final class StatusCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://" + StatusHttp.DEFAULT;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the status snapshot as JSON (what /status.json serves).")
    private boolean json;

    @Option(names = "--url", paramLabel = "URL", description = "Where the server's HTTP status surface is. Default: "
            + DEFAULT_URL + ".")
    private String url = DEFAULT_URL;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri;
        try {
            uri = URI.create(base + "/status.json");
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http://HOST:PORT");
            }
        } catch (IllegalArgumentException e) {
            return fail(err, "'" + url + "' is not an http URL: " + e.getMessage());
        }
        String body;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return fail(err, base + " answered HTTP " + r.statusCode() + " for /status.json"
                        + (r.statusCode() == 503 ? " (starting: no snapshot yet)" : ""));
            }
            body = r.body();
        } catch (ConnectException e) {
            return fail(err, "nothing listens at " + base + " (is gnomon running? its status address is set with --http)");
        } catch (HttpConnectTimeoutException e) {
            return fail(err, "no connection to " + base + " within 3 s");
        } catch (HttpTimeoutException e) {
            return fail(err, base + " did not answer within 5 s");
        } catch (IOException e) {
            return fail(err, "cannot read " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, "interrupted");
        }
        StatusSnapshot s;
        try {
            s = StatusJson.read(body);
        } catch (IllegalArgumentException e) {
            return fail(err, base + " is not a Gnomon: " + e.getMessage());
        }
        out.print(json ? body + "\n" : StatusText.summary(s));
        out.flush();
        return 0;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("gnomon status: " + message);
        err.flush();
        return 1;
    }
}
