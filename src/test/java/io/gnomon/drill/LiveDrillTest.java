package io.gnomon.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.daemon.Simulation;
import io.gnomon.daemon.StatusHttp;
import io.gnomon.fault.GpsFault;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.sim.OscillatorParams;
import io.gnomon.sim.ReceiverModel;
import io.gnomon.sim.Scenario;
import io.gnomon.sim.Scenarios;
import io.gnomon.sim.SimulatedPps;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.testing.NtpProbe;
import io.gnomon.testing.StatusSimulations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A short drill on the live simulated appliance (real UDP NTP server, HTTP status, metrics, ephemeral ports): PPS
 * and receiver both lost from second 5 to 10. The holdover limit (5 µs) is below the locked error bound, so once
 * the 4 s PPS timeout passes a client sees the server give up (LI=3) instead of holding over, and come back after;
 * the drill banner is on status.json and /metrics exactly while the drill runs.
 */
public class LiveDrillTest {
    private static final long LOST_FROM = 8;
    private static final long LOST_UNTIL = 15;
    private static final long END = 20;

    /** One look at every surface. */
    private record Look(double at, NtpProbe ntp, StatusSnapshot status, boolean drillMetric) {
        String line() {
            return String.format(java.util.Locale.ROOT, "%5.1f s  LI=%s st %s %-4s | %-15s | drill %s | metric %s", at,
                    ntp == null ? "-" : ntp.leap(), ntp == null ? "-" : ntp.stratum(), ntp == null ? "" : ntp.refId(),
                    status.lock().state(), status.drill() == null ? "-" : status.drill().stepNumber() + " " + status.drill().step(),
                    drillMetric);
        }
    }

    public static Drill shortBothLost() {
        Scenario s = new Scenario("live-both-lost", 1, Scenarios.START, END, OscillatorParams.typicalPi(),
                SimulatedPps.Params.clean(1_000), ReceiverModel.ublox(), null,
                n -> n >= LOST_FROM && n < LOST_UNTIL ? GpsFault.UNPLUGGED : null, -1, 0, Optional.empty(),
                Scenarios.reference(false), Drills.leaps(), 60, false);
        return new Drill("live-both-lost", "PPS and receiver lost from second 5 to 10", s,
                n -> n < LOST_FROM || n >= LOST_UNTIL, n -> false, 0, n -> 0, 60, List.of(), t -> List.of());
    }

    /** What one look saw of the drill's banner: status.json's drill, and whether /metrics had gnomon_drill_active. */
    public record Banner(double at, StatusSnapshot.Drill drill, boolean metric) {}

    /**
     * The banner of {@link #shortBothLost()} (started at 0) on status.json and /metrics from the first publication
     * after the start (status.json is published once a second) to a second before the end, with the loss step shown;
     * gone in every look from {@code goneFrom} on.
     */
    public static void assertBannerExactlyWhileRunning(List<Banner> looks, double goneFrom, String trace) {
        List<Banner> during = looks.stream().filter(l -> l.at() > 1.5 && l.at() < END - 1).toList();
        List<Banner> after = looks.stream().filter(l -> l.at() > goneFrom).toList();
        assertFalse(after.isEmpty(), trace);
        assertTrue(during.stream().allMatch(l -> l.drill() != null && l.metric()
                && l.drill().name().equals("live-both-lost")), trace);
        assertTrue(after.stream().allMatch(l -> l.drill() == null && !l.metric()), trace);
        assertTrue(during.stream().anyMatch(l -> l.drill().step().equals("PPS line lost; serial line silent")), trace);
    }

    @Test
    void theDrillIsAnnouncedWhileItRunsAndTheClientSeesOnlyWhatTheFaultCauses() throws Exception {
        Simulation.Settings settings = new Simulation.Settings(List.of(ListenAddress.parse("127.0.0.1:0")), true,
                LeapIndicator.NO_WARNING, false, -1, 5e-6, io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null,
                new StatusHttp(ListenAddress.parse("127.0.0.1:0"), true),
                io.gnomon.adapter.udp.linux.SocketPathSettings.standard(), new LiveDrill.Plan(shortBothLost(), 1));
        List<Look> looks = new ArrayList<>();
        try (Simulation sim = Simulation.start(settings); HttpClient http = HttpClient.newHttpClient()) {
            long start = System.nanoTime(); // the drill starts as Simulation.start returns
            String base = StatusSimulations.baseUrl(sim);
            ListenAddress ntp = sim.listening().getFirst();
            LiveDrill drill = sim.drill().orElseThrow();
            while (true) {
                double at = (System.nanoTime() - start) / 1e9;
                NtpProbe reply = NtpProbe.query(ntp, 1000);
                StatusSnapshot status = StatusSimulations.snapshot(sim);
                String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                looks.add(new Look(at, reply, status, metrics.contains("gnomon_drill_active{name=\"live-both-lost\"")));
                if (at > END + 2) {
                    break;
                }
                Thread.sleep(400);
            }
            String soFar = String.join("\n", looks.stream().map(Look::line).toList());
            System.out.println(soFar);
            assertTrue(drill.awaitEnd(1, TimeUnit.SECONDS), "the drill ended: " + soFar);
        }
        String trace = String.join("\n", looks.stream().map(Look::line).toList());
        for (Look l : looks) {
            assertNotNull(l.ntp(), "every request answered: " + trace);
        }
        // the banner: on status.json and /metrics while the drill runs, gone after its end
        // status.json is published once a second: the banner is there from the first publication after the start
        assertBannerExactlyWhileRunning(looks.stream().map(l -> new Banner(l.at(), l.status().drill(), l.drillMetric()))
                .toList(), END + 1.2, trace);
        // the client: PPS-locked stratum 1 before the fault, LI=3 once the bound passes the 5 µs limit, back after
        // (lock time depends on how loaded the machine is: judged from the first locked answer on)
        double firstLocked = looks.stream().filter(l -> l.ntp().leap() == 0).mapToDouble(Look::at).findFirst().orElse(99);
        assertTrue(firstLocked < LOST_FROM - 1, "locked well before the fault: " + trace);
        assertTrue(looks.stream().filter(l -> l.at() >= firstLocked && l.at() < LOST_FROM - 0.3)
                .allMatch(l -> l.ntp().leap() == 0 && l.ntp().stratum() == 1 && l.ntp().refId().equals("PPS")), trace);
        assertTrue(looks.stream().filter(l -> l.at() > LOST_FROM && l.at() < LOST_UNTIL + 0.3)
                .anyMatch(l -> l.ntp().leap() == 3 && l.ntp().stratum() == 0), trace);
        // PPS counts as fresh for 4 s after its last edge, and status.json is published once a second
        assertTrue(looks.stream().filter(l -> l.at() > LOST_FROM + 5.5 && l.at() < LOST_UNTIL)
                .noneMatch(l -> l.status().lock().state().equals("PPS locked")), trace);
        assertTrue(looks.stream().filter(l -> l.at() > END - 1.5).allMatch(l -> l.ntp().leap() == 0 && l.ntp().stratum() == 1 && l.ntp().refId().equals("PPS")),
                trace);
    }
}
