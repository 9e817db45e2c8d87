package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gnomon.testing.DevToolsPage;
import io.gnomon.testing.ExternalProgram;
import io.gnomon.testing.StatusSimulations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium: it loads from a running {@code gnomon simulate}, shows the state,
 * its charts get data points and advance without a reload, and it fits a phone screen. Screenshots go to
 * target/dashboard-desktop.png and target/dashboard-phone.png for review.
 */
@Tag("external")
class DashboardBrowserTest {
    private static final String PROBE = "JSON.stringify({state: document.getElementById('state').textContent,"
            + " reason: document.getElementById('reason').textContent,"
            + " updates: window.gnomon ? window.gnomon.updates : 0,"
            + " offsetPoints: +document.getElementById('chart-offset').dataset.points,"
            + " frequencyPoints: +document.getElementById('chart-frequency').dataset.points,"
            + " ratePoints: +document.getElementById('chart-rate').dataset.points,"
            + " plotted: window.gnomon ? window.gnomon.charts.offset.data[0].length : 0,"
            + " last: window.gnomon ? window.gnomon.charts.offset.data[0].slice(-1)[0] : null,"
            + " canvases: document.querySelectorAll('canvas').length,"
            + " scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,"
            + " requests: document.getElementById('requests').textContent})";

    @Test
    void theDashboardShowsLiveStateAndAdvancingCharts(@TempDir Path profile) throws Exception {
        ExternalProgram chromium = ExternalProgram.require("chromium", "chromium");
        try (Simulation sim = StatusSimulations.startAppliance(-1);
             DevToolsPage page = DevToolsPage.open(chromium.path(), profile, StatusSimulations.baseUrl(sim) + "/")) {
            // simulated GPS + PPS through the real reference clock: it locks within a few seconds
            JsonNode first = waitFor(page, s -> s.path("offsetPoints").asInt() >= 3
                    && s.path("state").asText().equals("PPS locked"), "PPS lock and three offset points");
            assertEquals("PPS edges labelled by the receiver's seconds", first.path("reason").asText());
            assertEquals(4, first.path("canvases").asInt(), "four uPlot charts");
            assertTrue(first.path("frequencyPoints").asInt() >= 3, first.toString());
            long firstLast = first.path("last").asLong();

            String ntp = sim.listening().get(0).toString();
            for (int i = 0; i < 5; i++) {
                assertEquals(0, StatusSimulations.run("query", ntp).code());
            }
            JsonNode later = waitFor(page, s -> s.path("last").asLong() >= firstLast + 2
                    && s.path("requests").asText().equals("5"), "the charts to advance two seconds and count 5 requests");
            assertTrue(later.path("plotted").asInt() > first.path("plotted").asInt(), later.toString());
            assertTrue(later.path("ratePoints").asInt() >= 2, later.toString());
            assertTrue(page.evaluate("window.gnomon.series.rate.some(v => v > 0)").asBoolean(),
                    "the request-rate chart saw the queries");

            page.viewport(1280, 1000, 1, false);
            Thread.sleep(300);
            page.screenshot(Path.of("target", "dashboard-desktop.png"));
            page.viewport(390, 844, 2, true);
            Thread.sleep(500);
            JsonNode phone = probe(page);
            assertTrue(phone.path("scrollWidth").asInt() <= phone.path("innerWidth").asInt(),
                    "no sideways scrolling on a phone: " + phone);
            page.screenshot(Path.of("target", "dashboard-phone.png"));
            assertTrue(Files.size(Path.of("target", "dashboard-phone.png")) > 10_000);
        }
    }

    /** What the page shows now; {} while it is still loading (a slow machine may not have the DOM yet). */
    private static JsonNode probe(DevToolsPage page) throws Exception {
        String loaded = "(document.getElementById('state') && document.getElementById('chart-rate')) ? " + PROBE
                + " : '{}'";
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.evaluate(loaded).asText());
    }

    private static JsonNode waitFor(DevToolsPage page, java.util.function.Predicate<JsonNode> done, String what)
            throws Exception {
        JsonNode s = null;
        for (int i = 0; i < 250; i++) {
            s = probe(page);
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        fail("waited 25 s for " + what + "; page says " + s);
        return s;
    }
}
