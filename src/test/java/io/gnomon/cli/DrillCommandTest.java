package io.gnomon.cli;

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

    @Test
    void aDrillThatCannotRunLiveIsRefusedWithOneLine() {
        Run r = run("drill", "nmea-hour-jump", "--live");
        assertEquals(2, r.exit());
        assertEquals("drill: nmea-hour-jump cannot run live: it makes the receiver claim another time, which the"
                + " simulated receiver cannot do live", r.err().strip());
        Run restart = run("drill", "restart-mid-holdover", "--live");
        assertEquals(2, restart.exit());
        assertTrue(restart.err().contains("restarts Gnomon mid-run"), restart.err());
        Run stepped = run("drill", "host-clock-stepped", "--live");
        assertEquals(2, stepped.exit());
        assertTrue(stepped.err().contains("never touches this machine's clock"), stepped.err());
    }

    @Test
    void theListSaysWhichDrillsRunLive() {
        String out = run("drill", "--list").out();
        java.util.List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("pps-loss ")) {
                assertTrue(lines.subList(i, lines.size()).stream().filter(l -> l.contains("live:")).findFirst()
                        .orElseThrow().contains("live: yes"), out);
            }
            if (lines.get(i).startsWith("leap-second ")) {
                assertTrue(lines.subList(i, lines.size()).stream().filter(l -> l.contains("live:")).findFirst()
                        .orElseThrow().contains("live: no, it needs its own date"), out);
            }
        }
    }

    @Test
    void simulateAndRunRefuseDrillsTheyCannotCarryOut() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(2, cl.execute("simulate", "--drill", "no-such-drill", "--listen", "127.0.0.1:0", "--no-http"));
        assertTrue(err.toString().contains("no drill named 'no-such-drill'"), err.toString());

        java.io.StringWriter runErr = new java.io.StringWriter();
        picocli.CommandLine run = Main.commandLine();
        run.setErr(new java.io.PrintWriter(runErr, true));
        assertEquals(2, run.execute("run", "--config", "/nonexistent/gnomon.conf", "--drill", "antenna-loss"));
        assertEquals(1, runErr.toString().strip().lines().count(), runErr.toString());
        assertTrue(runErr.toString().contains("antenna-loss cannot run on real devices: it needs 'receiver: no fix"),
                runErr.toString());
        java.io.StringWriter okErr = new java.io.StringWriter();
        picocli.CommandLine ok = Main.commandLine();
        ok.setErr(new java.io.PrintWriter(okErr, true));
        assertEquals(RunCommand.EXIT_CONFIG, ok.execute("run", "--config", "/nonexistent/gnomon.conf", "--drill", "both-lost"),
                "an input-removing drill is accepted; the missing file is what stops it: " + okErr);
    }
}
