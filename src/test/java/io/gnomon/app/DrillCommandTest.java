package io.gnomon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DrillCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    @Test
    void listsTheDrills() {
        Run r = run("drill", "--list");
        assertEquals(0, r.exit());
        for (String name : new String[] {"antenna-loss", "pps-loss", "both-lost", "nmea-hour-jump", "leap-second"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), r.out());
        }
    }

    @Test
    void printsTheClientVisibleTimelineOfADrill() {
        Run r = run("drill", "nmea-hour-jump", "--seed", "5");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains(" 15:00  holdover"), r.out());
        assertTrue(r.out().contains("jumped +3600 s"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("PASS: ")), r.out());
    }

    @Test
    void anUnknownDrillIsAClearError() {
        Run r = run("drill", "no-such-drill");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no drill named 'no-such-drill'"), r.err());
    }
}
