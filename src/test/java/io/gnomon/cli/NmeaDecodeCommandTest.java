package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nmea.NmeaChecksum;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NmeaDecodeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path capture() throws Exception {
        String text = "garbage\r\n"
                + NmeaChecksum.sentence("GPRMC,000231.42,A,4829.0005,N,00022.0016,E,0.16,212.28,220899,,,A") + "\r\n"
                + NmeaChecksum.sentence("GPRMC,000232.42,V,4829.0005,N,00022.0016,E,0.16,212.28,220899,,,N") + "\r\n"
                + NmeaChecksum.sentence("GPRMC,000233.42,A,4829.0005,N,00022.0016,E,0.16,212.28,220899,,,A") + "\r\n"
                + "$GPGGA,000233.42,bad*00\r\n";
        Path f = dir.resolve("capture.nmea");
        Files.writeString(f, text, StandardCharsets.US_ASCII);
        return f;
    }

    @Test
    void printsOneIsoLinePerValidEpochAndASummaryOnStderr() throws Exception {
        assertEquals(0, run("nmea-decode", "--date-hint", "2019-03-14", capture().toString()));
        assertEquals(List.of("2019-04-07T00:02:31.420Z", "2019-04-07T00:02:33.420Z"), out.toString().lines().toList());
        String summary = err.toString();
        assertTrue(summary.contains("3 sentences"), summary);
        assertTrue(summary.contains("GARBAGE_BETWEEN_SENTENCES=1"), summary);
        assertTrue(summary.contains("BAD_CHECKSUM=1"), summary);
        assertTrue(summary.contains("epochs 2 valid of 3 cycles"), summary);
    }

    @Test
    void verboseAddsRejectedLinesAndRefusedCyclesWithReasons() throws Exception {
        assertEquals(0, run("nmea-decode", "--verbose", "--date-hint", "2019-03-14", capture().toString()));
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.contains("# rejected GARBAGE_BETWEEN_SENTENCES (7 bytes): garbage"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# rejected BAD_CHECKSUM")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# no epoch at 00:02:32.420: GPRMC status V")), lines.toString());
    }

    @Test
    void withoutAHintTheBuildDateIsTheAnchor() throws Exception {
        // build date 2026 or later: 1999-08-22 +1024 weeks = 2019-04-07 is more than a year before it; +2048 weeks
        // (2038-11-21) is within ten years of it, so the date resolves to the next rollover era or not at all
        assertEquals(0, run("nmea-decode", capture().toString()));
        assertTrue(out.toString().lines().noneMatch(l -> l.startsWith("1999") || l.startsWith("2019")), out.toString());
    }

    @Test
    void aBadDateHintOrMissingFileIsAClearMessage() throws Exception {
        assertEquals(2, run("nmea-decode", "--date-hint", "2019-02-30", capture().toString()));
        assertTrue(err.toString().contains("--date-hint '2019-02-30' is not a date"), err.toString());
        assertEquals(1, run("nmea-decode", dir.resolve("missing.nmea").toString()));
        assertTrue(err.toString().contains("cannot read"), err.toString());
    }
}
