package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2AndOneLine() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--no-such-option");
        assertEquals(2, code);
        String text = err.toString().strip();
        assertTrue(text.contains("--no-such-option"), text);
        assertEquals(1, text.lines().count(), text);
    }

    @Test
    void versionNamesTheBuildDate() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--version"));
        assertTrue(out.toString().matches("(?s)gnomon \\S+ \\(built \\d{4}-\\d{2}-\\d{2}\\).*"), out.toString());
    }
}
