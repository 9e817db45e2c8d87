package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.state.BundledHats;
import io.gnomon.adapter.state.ConfigFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsEveryEffectiveValueWithItsOrigin(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gnomon.conf");
        Files.writeString(f, "# mine\nhat uputronics-gps-rtc\nserial-baud 9600\n");
        Run r = run("check-config", f.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().map(l -> l.replaceAll(" {2,}# ", " # ")).toList();
        assertTrue(r.out().contains("state-directory /var/lib/gnomon  # default"), r.out());
        assertEquals("# effective configuration of " + f + " (value, then where it came from)", lines.getFirst());
        assertEquals(List.of(
                "hat uputronics-gps-rtc # " + f + ":2",
                "reference gps # default",
                "serial-device /dev/ttyAMA0 # hat uputronics-gps-rtc",
                "serial-baud 9600 # " + f + ":3",
                "pps kernel /dev/pps0 # hat uputronics-gps-rtc",
                "nmea-delay-class short # hat uputronics-gps-rtc",
                "listen 0.0.0.0 123 # default",
                "state-directory /var/lib/gnomon # default",
                "clock-discipline none # default",
                "http 127.0.0.1:8123 # default",
                "holdover-limit 0.01 # default"), lines.subList(1, lines.size()));
    }

    @Test
    void errorsGoToStderrWithFileAndLineAndExitOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "hat adafruit-ultimate-gps\n\nnmea-delay-class slow\n");
        Run r = run("check-config", f.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals(f + ":3: nmea-delay-class must be short, medium or long\n1 error in " + f + "\n", r.err());
    }

    @Test
    void unreadableFilesAreOneLine(@TempDir Path dir) throws Exception {
        assertEquals(new Run(1, "", "gnomon check-config: " + dir.resolve("nope") + ": no such file\n"),
                run("check-config", dir.resolve("nope").toString()));
        assertEquals(new Run(1, "", "gnomon check-config: " + dir + ": is a directory\n"), run("check-config", dir.toString()));
        Path big = dir.resolve("big.conf");
        Files.write(big, new byte[ConfigFile.MAX_BYTES + 1]);
        assertTrue(run("check-config", big.toString()).err().endsWith(": larger than 1 MiB; not a Gnomon configuration file\n"));
    }

    @Test
    void theJarCarriesEveryBoardProfile() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("board/hats"))) {
            List<String> files = s.map(p -> p.getFileName().toString().replace(".hat", "")).sorted().toList();
            assertEquals(files, BundledHats.NAMES.stream().sorted().toList());
        }
        for (String name : BundledHats.NAMES) {
            assertTrue(BundledHats.find(name).isPresent(), name);
        }
        assertTrue(BundledHats.find("../../../etc/passwd").isEmpty());
    }
}
