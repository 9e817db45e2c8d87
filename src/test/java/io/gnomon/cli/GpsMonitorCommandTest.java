package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.serial.SocatPtyPair;
import io.gnomon.testing.ExternalProgram;
import io.gnomon.testing.StatusSimulations;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnomon gps-monitor --plain} reading a real receiver capture (gpsd regression suite, gpsdf.log head:
 * Broadcom receiver, 14 cycles, 13 sentences with bad checksums) through a socat pseudo-terminal. The capture's
 * "# Date:" header (2020-02-01) is the date anchor, as the build date is for a live receiver.
 */
@Tag("external")
class GpsMonitorCommandTest {

    private static byte[] capture() throws Exception {
        try (InputStream in = GpsMonitorCommandTest.class.getResourceAsStream("/nmea-monitor/gpsdf-head.log")) {
            return in.readAllBytes();
        }
    }

    @Test
    void plainOutputShowsRawSentencesDecodedCyclesAndChecksumErrorsByType(@TempDir Path dir) throws Exception {
        String socat = ExternalProgram.require("socat", "socat").path().toString();
        try (SocatPtyPair pty = new SocatPtyPair(socat, dir).start()) {
            AtomicReference<StatusSimulations.Run> result = new AtomicReference<>();
            Thread monitor = new Thread(() -> result.set(StatusSimulations.run("gps-monitor", pty.device.toString(),
                    "--baud", "115200", "--plain", "--seconds", "7", "--anchor", "2020-02-01")));
            monitor.start();
            Thread.sleep(1500); // let it open the port before the receiver starts talking
            pty.writePaced(capture(), 115200);
            monitor.join(20_000);
            StatusSimulations.Run r = result.get();
            assertEquals(0, r.code(), r.err() + "\n" + r.out());
            List<String> lines = r.out().lines().toList();
            assertEquals("# opening serial port " + pty.device + " at 115200 baud", lines.get(0));
            assertTrue(lines.get(1).startsWith("# serial port " + pty.device + " ("), lines.get(1));
            java.nio.file.Files.writeString(Path.of("target", "gps-monitor-plain.txt"), r.out());
            assertTrue(lines.contains("< $GPGGA,000145.00,4404.126998,N,12118.844143,W,1,15,0.4,1133.4,M,-20.1,M,,*68"),
                    r.out());
            List<String> cycles = lines.stream().filter(l -> l.startsWith("= time 2020-02-02T00:01:")).toList();
            assertTrue(cycles.size() >= 12, "decoded cycles:\n" + String.join("\n", cycles));
            // the first cycle: RMC 000145.00 of 020220, GGA quality 1 with 15 used, GSA 3D, GSV 17 in view
            assertEquals("= time 2020-02-02T00:01:45.000Z (GPRMC); fix valid, 3D, GPS, 15 used; 17 satellites in view,"
                    + " 16 tracked", cycles.get(0));
            assertEquals(13, lines.stream().filter(l -> l.startsWith("! BAD_CHECKSUM PGLOR: $PGLOR,4,PWR")).count(),
                    r.out());
            assertTrue(lines.contains("# checksum errors by type: PGLOR 13"), r.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("# ") && l.contains(" cycles; sentences by type: ")
                    && l.contains("GPRMC 14")), r.out());
        }
    }

    @Test
    void ppsEdgesFromASysfsStyleSourceAreShownBesideTheSentences(@TempDir Path dir) throws Exception {
        String socat = ExternalProgram.require("socat", "socat").path().toString();
        Path ppsDir = java.nio.file.Files.createDirectory(dir.resolve("pps0"));
        Path assertFile = ppsDir.resolve("assert");
        java.nio.file.Files.writeString(assertFile, "1580601705.000000300#100\n"); // the baseline, not an edge
        try (SocatPtyPair pty = new SocatPtyPair(socat, java.nio.file.Files.createDirectory(dir.resolve("pty"))).start()) {
            AtomicReference<StatusSimulations.Run> result = new AtomicReference<>();
            Thread monitor = new Thread(() -> result.set(StatusSimulations.run("gps-monitor", pty.device.toString(),
                    "--baud", "115200", "--plain", "--seconds", "5", "--anchor", "2020-02-01", "--pps",
                    ppsDir.toString())));
            monitor.start();
            Thread.sleep(1000);
            for (int seq = 101; seq <= 106; seq++) { // a pulse every 400 ms, written the way the kernel prints it
                Path tmp = ppsDir.resolve("assert.tmp");
                java.nio.file.Files.writeString(tmp, (1580601605L + seq) + ".000000300#" + seq + "\n");
                java.nio.file.Files.move(tmp, assertFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(400);
            }
            pty.writePaced(capture(), 115200);
            monitor.join(20_000);
            StatusSimulations.Run r = result.get();
            assertEquals(0, r.code(), r.err() + "\n" + r.out());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.contains("# pps: " + ppsDir + " (CLOCK_REALTIME timestamps)"), r.out());
            List<String> edges = lines.stream().filter(l -> l.startsWith("| pps edge #")).toList();
            assertTrue(edges.size() >= 4, "edges:\n" + String.join("\n", edges));
            assertTrue(edges.contains("| pps edge #106 at 2020-02-02T00:01:51.000000300Z (realtime)"), edges.toString());
            assertTrue(lines.contains("# pps edges: " + edges.size()), r.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("= time 2020-02-02T00:01:")), "NMEA decoded too");
        }
    }

    @Test
    void aMissingDeviceIsOneLineAndExitOne(@TempDir Path dir) {
        StatusSimulations.Run r = StatusSimulations.run("gps-monitor", dir.resolve("nothing").toString(), "--plain",
                "--seconds", "5");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("gnomon gps-monitor: serial port " + dir.resolve("nothing") + " is missing"),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
