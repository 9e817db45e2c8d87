package io.gnomon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.gps.GpsReceiver;
import io.gnomon.time.MonotonicTime;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gps-monitor model fed by the real receiver pipeline with a gpsd capture (gpsdf.log head), no serial port. */
class ReceiverMonitorTest {

    private static ReceiverMonitor replay(List<String> plain) throws Exception {
        byte[] bytes;
        try (InputStream in = ReceiverMonitorTest.class.getResourceAsStream("/nmea-monitor/gpsdf-head.log")) {
            bytes = in.readAllBytes();
        }
        ReceiverMonitor monitor = new ReceiverMonitor(plain::add);
        GpsReceiver receiver = GpsReceiver.standard(LocalDate.of(2020, 2, 1), monitor);
        for (int i = 0; i < bytes.length; i += 64) { // 64-byte chunks, 1 ms apart
            receiver.accept(bytes, i, Math.min(64, bytes.length - i), new MonotonicTime(i * 1_000_000L));
        }
        receiver.endOfInput();
        return monitor;
    }

    @Test
    void theScreenShowsTimeFixSatellitesChecksumErrorsAndRawLines() throws Exception {
        ReceiverMonitor m = replay(new ArrayList<>());
        String screen = m.render("title", 120);
        assertTrue(screen.startsWith("\033[H\033[2J"), "home and clear first");
        String text = screen.replaceAll("\033\\[[0-9;]*[A-Za-z]", "");
        assertTrue(text.contains("time   2020-02-02T00:01:5"), text);
        assertTrue(text.contains("fix    valid, "), text);
        assertTrue(text.contains("satellites  18 in view (latest GSV)"), text); // 10 GPS + 8 GLONASS in the last GSV set
        assertTrue(text.matches("(?s).*\\n  GPS +\\d+ +\\d+ +\\d+ +\\d+  #+\\n.*"), "a GPS satellite row with an SNR bar:\n"
                + text);
        assertTrue(text.contains("checksum errors PGLOR 13"), text);
        assertTrue(text.contains("rejects BAD_CHECKSUM 13"), text);
        assertTrue(text.contains("\n  $"), "raw sentences");
        // 14 RMC seconds + the GGA-only tail
        assertTrue(m.summary().get(0).startsWith("# 15 cycles; sentences by type: "), m.summary().get(0));
    }

    @Test
    void plainLinesAreOnePerEvent() throws Exception {
        List<String> plain = new ArrayList<>();
        ReceiverMonitor m = replay(plain);
        assertEquals(m.sentences(), plain.stream().filter(l -> l.startsWith("< ")).count());
        assertEquals(13, plain.stream().filter(l -> l.startsWith("! BAD_CHECKSUM PGLOR: ")).count());
        assertTrue(plain.stream().filter(l -> l.startsWith("= time 2020-02-02T00:01:")).count() >= 13);
        assertEquals("# checksum errors by type: PGLOR 13", m.summary().get(1));
    }

    @Test
    void sentenceTypeComesFromTheExcerpt() {
        assertEquals("GPGSV", ReceiverMonitor.sentenceType("$GPGSV,3,1,12*7F"));
        assertEquals("PMTK001", ReceiverMonitor.sentenceType("$PMTK001,604,3*32"));
        assertEquals("?", ReceiverMonitor.sentenceType("\u0000\u0001garbage"));
        assertEquals("?", ReceiverMonitor.sentenceType(""));
    }
}
