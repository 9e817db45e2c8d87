package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.serial.SocatPtyPair;
import io.gnomon.adapter.state.ConfigFile;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.appliance.ExternalProgram;
import io.gnomon.cli.RunCommand;
import io.gnomon.config.ConfigResult;
import io.gnomon.config.GnomonConfig;
import io.gnomon.drill.LiveDrill;
import io.gnomon.drill.LiveDrillTest;
import io.gnomon.status.StatusJson;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.testing.HatPlayer;
import io.gnomon.testing.LogCapture;
import io.gnomon.testing.NtpProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill on the real appliance's adapters end to end ({@code gnomon run --drill}'s path): the serial link
 * (jSerialComm) reads a socat pty and the kernel PPS adapter reads a directory shaped like
 * {@code /sys/class/pps/ppsN}, while {@link HatPlayer} keeps sending sentences and edges throughout. Once PPS is
 * locked the drill of {@link LiveDrillTest#shortBothLost()} starts ({@link Appliance#startDrill}, as
 * {@code RunCommand} does at start-up): from its second 8 to 15 the injectors at the adapter boundary withhold the
 * edges and drop the bytes. The client must see LI=3 once the bound passes the 5 µs holdover limit and PPS lock
 * again after; the serial link stays connected (the drill removes what it delivers, not the device); the drill is
 * announced on status.json, /metrics and in the log from start to end.
 */
@Tag("external")
class ApplianceDrillTest {
    private record Look(double at, NtpProbe ntp, StatusSnapshot status, boolean drillMetric) {
        String line() {
            StatusSnapshot.Receiver rx = status.receiver();
            return String.format(Locale.ROOT, "%5.1f s  LI=%s st %s %-4s | %-15s | rx %s, last cycle %.1f s ago | drill %s",
                    at, ntp == null ? "-" : ntp.leap(), ntp == null ? "-" : ntp.stratum(),
                    ntp == null ? "" : ntp.refId(), status.lock().state(), rx.state(), rx.secondsSinceLastCycle(),
                    status.drill() == null ? "-" : status.drill().stepNumber() + " " + status.drill().step())
                    + (drillMetric ? " | metric" : "");
        }

        boolean ppsLocked() {
            return ntp != null && ntp.leap() == 0 && ntp.stratum() == 1 && ntp.refId().equals("PPS");
        }
    }

    @Test
    void aDrillWithholdsTheRealAdaptersInputsAndTheClientSeesOnlyWhatThatCauses(@TempDir Path tmp) throws Exception {
        Path socat = ExternalProgram.require("socat");
        Path dev = Files.createTempDirectory(Path.of("/dev/shm"), "gnomon-drill-"); // config paths must be under /dev
        List<Look> looks = new ArrayList<>();
        long edgesAtDrillStart;
        long edgesAtDrillEnd;
        try (LogCapture log = new LogCapture(); SocatPtyPair pty = new SocatPtyPair(socat.toString(), dev).start();
             HttpClient http = HttpClient.newHttpClient()) {
            Path ppsDir = Files.createDirectories(dev.resolve("pps0"));
            Files.writeString(ppsDir.resolve("assert"), "0.000000000#0\n");
            Path conf = tmp.resolve("gnomon.conf");
            Files.writeString(conf, String.join("\n", "reference gps", "serial-device " + pty.device,
                    "serial-baud 115200", "pps kernel " + ppsDir, "nmea-delay-class short", "listen 127.0.0.1 0",
                    "state-directory " + tmp.resolve("state"), "clock-discipline none", ""));
            GnomonConfig config = switch (ConfigFile.load(conf)) {
                case ConfigResult.Valid v -> v.config();
                case ConfigResult.Invalid i -> throw new AssertionError("config rejected: " + i.errors());
            };
            try (HatPlayer gps = new HatPlayer(pty, ppsDir).start();
                 Appliance appliance = Appliance.start(config, RunCommand.udpAddresses(config.listen()),
                         Appliance.Tuning.defaults().withHoldoverLimit(5e-6),
                         new StatusHttp(ListenAddress.parse("127.0.0.1:0"), true))) {
                ListenAddress ntp = appliance.listening().getFirst();
                String base = "http://127.0.0.1:" + appliance.httpAddress().orElseThrow().getPort();
                awaitLog(log, "connected at", 15);
                gps.openFeed(); // only once the port is open: a pty keeps what was written before, a UART does not
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    NtpProbe r = NtpProbe.query(ntp, 1000);
                    if (r != null && r.leap() == 0 && r.refId().equals("PPS")) {
                        break;
                    }
                    assertTrue(System.nanoTime() < until, "never PPS locked: " + r + "\n" + log.text());
                    Thread.sleep(250);
                }

                LiveDrill.Plan plan = new LiveDrill.Plan(LiveDrillTest.shortBothLost(), 1);
                edgesAtDrillStart = gps.edgesWritten();
                long start = System.nanoTime();
                appliance.startDrill(plan);
                while (true) {
                    double at = (System.nanoTime() - start) / 1e9;
                    NtpProbe reply = NtpProbe.query(ntp, 1000);
                    String json = http.send(HttpRequest.newBuilder(URI.create(base + "/status.json")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    looks.add(new Look(at, reply, StatusJson.read(json),
                            metrics.contains("gnomon_drill_active{name=\"live-both-lost\"")));
                    if (at > plan.realSeconds() + 3) {
                        break;
                    }
                    Thread.sleep(400);
                }
                edgesAtDrillEnd = gps.edgesWritten();
                String trace = String.join("\n", looks.stream().map(Look::line).toList());
                System.out.println(trace);
                assertEquals(1, log.countLines("drill live-both-lost started"), log.text());
                assertEquals(1, log.countLines("all inputs restored"), log.text());
                // the host clock is checked every 100 ms: on a busy machine that must not invent a step
                assertEquals(0, log.countLines("host clock stepped"), log.text());
            }
        } finally {
            try (Stream<Path> s = Files.walk(dev)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String trace = String.join("\n", looks.stream().map(Look::line).toList());
        double lostFrom = 8;
        double lostUntil = 15;
        double end = 20;
        looks.forEach(l -> assertNotNull(l.ntp(), "every request answered: " + trace));
        assertTrue(edgesAtDrillEnd - edgesAtDrillStart >= end - 1, "the player kept pulsing through the drill: " + trace);

        // announced while it runs, and not after
        LiveDrillTest.assertBannerExactlyWhileRunning(looks.stream()
                .map(l -> new LiveDrillTest.Banner(l.at(), l.status().drill(), l.drillMetric())).toList(), end + 1.5, trace);

        // the client: PPS locked before, LI=3 once the 5 µs limit is passed, PPS locked again at the end
        assertTrue(looks.stream().filter(l -> l.at() < lostFrom - 0.3).allMatch(Look::ppsLocked), trace);
        assertTrue(looks.stream().filter(l -> l.at() > lostFrom && l.at() < lostUntil + 0.3)
                .anyMatch(l -> l.ntp().leap() == 3 && l.ntp().stratum() == 0), trace);
        assertTrue(looks.stream().filter(l -> l.at() > end + 1).allMatch(Look::ppsLocked), trace);

        // the real serial link stays connected; only what it delivers is withheld (status.json lags up to 1 s)
        assertTrue(looks.stream().allMatch(l -> l.status().receiver().state().contains("connected")), trace);
        assertTrue(looks.stream().filter(l -> l.at() > lostFrom + 4 && l.at() < lostUntil)
                .allMatch(l -> l.status().receiver().secondsSinceLastCycle() > 2), trace);
        assertTrue(looks.stream().filter(l -> l.at() > end + 1)
                .allMatch(l -> l.status().receiver().secondsSinceLastCycle() < 2), trace);
    }

    private static void awaitLog(LogCapture log, String needle, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (log.countLines(needle) == 0) {
            assertTrue(System.nanoTime() < until, "no '" + needle + "' in the log within " + seconds + " s\n" + log.text());
            Thread.sleep(50);
        }
    }
}
