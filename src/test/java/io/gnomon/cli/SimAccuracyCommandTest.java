package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimAccuracyCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream realOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.commandLine().execute(args));
        } finally {
            System.setOut(realOut);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEveryScenarioWithZeroMislabels() throws Exception {
        Path leaps = dir.resolve("leap-seconds.list");
        try (var in = io.gnomon.refclock.LeapSecondTables.class.getResourceAsStream("leap-seconds.list")) {
            Files.write(leaps, in.readAllBytes());
        }
        String out = run("sim-accuracy", "--hours", "0.3", "--leap-seconds", leaps.toString());
        long scenarios = out.lines().filter(l -> l.contains(": labelled ")).count();
        assertEquals(14, scenarios, out);
        assertTrue(out.lines().filter(l -> l.contains(": labelled ")).allMatch(l -> l.contains("mislabelled 0,")), out);
        assertTrue(out.contains("holdover coverage 100"), out);
    }

    @Test
    void aBrokenLeapSecondFileIsOneLineAndExitCodeOne() throws Exception {
        Path bad = dir.resolve("bad.list");
        Files.writeString(bad, "3692217600 37\n#h 0 0 0 0 0\n");
        assertEquals(1, Main.commandLine().execute("sim-accuracy", "--leap-seconds", bad.toString()));
    }
}
