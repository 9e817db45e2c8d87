package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.serial.ExternalProgram;
import io.gnomon.adapter.serial.NmeaSamples;
import io.gnomon.adapter.serial.PortHolders;
import io.gnomon.adapter.serial.SocatPtyPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SerialCheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void missingDeviceExitsOneWithAMessageNamingIt() {
        Path nothing = dir.resolve("ttyNOPE");
        assertEquals(1, run("serial-check", nothing.toString(), "--seconds", "5"));
        assertTrue(err.toString().contains("serial port " + nothing + " is missing: no such device"), err.toString());
    }

    @Test
    void danglingSymlinkIsExplained() throws Exception {
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("serial0"), dir.resolve("ttyAMA9"));
        assertEquals(1, run("serial-check", link.toString(), "--seconds", "5"));
        assertTrue(err.toString().contains("symlink to " + dir.resolve("ttyAMA9") + ", which does not exist"),
                err.toString());
    }

    @Test
    void baudAndDetectTogetherIsAUsageError() {
        assertEquals(2, run("serial-check", "/dev/null", "--baud", "4800", "--detect"));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
    }

    @Test
    void nonsenseNumbersAreUsageErrors() {
        assertEquals(2, run("serial-check", "/dev/null", "--baud", "-3"));
        assertTrue(err.toString().contains("--baud must be a positive number, not -3"), err.toString());
        assertEquals(2, run("serial-check", "/dev/null", "--seconds", "0"));
    }

    @Test
    void aFileThatIsNotATerminalIsUnusableWithTheReason() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("capture.log"), "$GPZDA\n");
        assertEquals(1, run("serial-check", file.toString(), "--seconds", "5"));
        assertTrue(err.toString().contains("cannot be opened: not a terminal"), err.toString());
        assertEquals(1, run("serial-check", dir.toString(), "--seconds", "5"));
        assertTrue(err.toString().contains("is a directory"), err.toString());
    }

    @Test
    @Tag("external")
    void printsTheLinesAndCountsThem() throws Exception {
        String socat = ExternalProgram.require("socat");
        byte[] capture = NmeaSamples.load("mt3339-head.nmea");
        try (SocatPtyPair pty = new SocatPtyPair(socat, dir).start()) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(700); // the command opens the port first
                    pty.writePaced(capture, 115200);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(0, run("serial-check", pty.device.toString(), "--baud", "115200", "--seconds", "3"),
                    err.toString());
            writer.join(TimeUnit.SECONDS.toMillis(5));
        }
        String text = out.toString();
        assertTrue(text.contains("connected at 115200 baud"), text);
        assertTrue(text.contains("$GPZDA,202640.000,13,04,2015,,*54\n"), text);
        assertTrue(text.contains("# " + capture.length + " bytes, 40 lines (40 with a valid NMEA checksum)"), text);
    }

    /** On a pty the kernel ignores the rate, so the first candidate (9600) is the one that shows NMEA. */
    @Test
    @Tag("external")
    void detectFindsNmeaThroughRealJSerialCommThenListens() throws Exception {
        String socat = ExternalProgram.require("socat");
        byte[] capture = NmeaSamples.load("mt3339-head.nmea");
        byte[] twice = new byte[capture.length * 2];
        System.arraycopy(capture, 0, twice, 0, capture.length);
        System.arraycopy(capture, 0, twice, capture.length, capture.length);
        try (SocatPtyPair pty = new SocatPtyPair(socat, dir).start()) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(500);
                    pty.writePaced(twice, 9600);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(0, run("serial-check", pty.device.toString(), "--detect", "--seconds", "1"),
                    err.toString());
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        String text = out.toString();
        assertTrue(text.matches("(?s)# detected 9600 baud \\(9600: \\d+ bytes, \\d+ valid / [01] bad\\).*"), text);
        assertTrue(text.contains("connected at 9600 baud"), text);
    }

    @Test
    @Tag("external")
    void busyPortExitsOneNamingTheHolder() throws Exception {
        String socat = ExternalProgram.require("socat");
        String flock = ExternalProgram.require("flock");
        try (SocatPtyPair pty = new SocatPtyPair(socat, dir).start()) {
            Process holder = new ProcessBuilder(flock, "-x", pty.device.toString(), "sleep", "20").start();
            try {
                awaitLockHeld(pty.device.toRealPath().toString());
                assertEquals(1, run("serial-check", pty.device.toString(), "--seconds", "5"));
                String e = err.toString();
                assertTrue(e.contains("is busy: locked by ") && e.contains("pid " + holder.pid() + " (flock)"), e);
            } finally {
                holder.descendants().forEach(ProcessHandle::destroy);
                holder.destroy();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** flock(1) starts its command only once it holds the lock, so a visible "sleep" holder means locked. */
    private static void awaitLockHeld(String device) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (PortHolders.ofThisHost().holding(device).stream().noneMatch(h -> h.command().equals("sleep"))) {
            assertTrue(System.nanoTime() < deadline, "flock never took " + device);
            Thread.sleep(20);
        }
    }
}
