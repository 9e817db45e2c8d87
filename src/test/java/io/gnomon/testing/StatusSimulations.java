package io.gnomon.testing;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.cli.Main;
import io.gnomon.daemon.Simulation;
import io.gnomon.daemon.StatusHttp;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import picocli.CommandLine;

/** In-process {@code gnomon simulate} with the HTTP surface on an ephemeral loopback port, and CLI runs against it. */
public final class StatusSimulations {
    private StatusSimulations() {}

    public record Run(int code, String out, String err) {}

    /** The host-following simulated reference (the states --unsynchronised and --leap drive). */
    public static Simulation start(boolean synchronised, LeapIndicator leap) throws Exception {
        return Simulation.start(new Simulation.Settings(List.of(ListenAddress.parse("127.0.0.1:0")), synchronised, leap,
                true, -1, 10e-3, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null,
                new StatusHttp(ListenAddress.parse("127.0.0.1:0"), true)));
    }

    /** Simulated GPS + PPS through the real reference clock (what plain {@code gnomon simulate} runs). */
    public static Simulation startAppliance(long gpsUnpluggedAfterSeconds) throws Exception {
        return Simulation.start(new Simulation.Settings(List.of(ListenAddress.parse("127.0.0.1:0")), true,
                LeapIndicator.NO_WARNING, false, gpsUnpluggedAfterSeconds, 10e-3,
                io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null,
                new StatusHttp(ListenAddress.parse("127.0.0.1:0"), true)));
    }

    public static String baseUrl(Simulation s) {
        return "http://127.0.0.1:" + s.status().httpAddress().orElseThrow().getPort();
    }

    public static StatusSnapshot snapshot(Simulation s) throws Exception {
        try (HttpClient c = HttpClient.newHttpClient()) {
            return StatusJson.read(c.send(HttpRequest.newBuilder(URI.create(baseUrl(s) + "/status.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    /** Polls status.json until the lock state is {@code state} (fails after {@code seconds}). */
    public static StatusSnapshot awaitState(Simulation s, String state, int seconds) throws Exception {
        StatusSnapshot last = null;
        for (int i = 0; i < seconds * 5; i++) {
            last = snapshot(s);
            if (last.lock().state().equals(state)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + state + "' within " + seconds + " s; last: " + (last == null ? null : last.lock()));
    }

    public static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString().strip());
    }
}
