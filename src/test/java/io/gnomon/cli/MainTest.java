package io.gnomon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.testing.CommandRun;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2AndOneLine() {
        CommandRun r = CommandRun.gnomon("--no-such-option");
        assertEquals(2, r.code());
        String text = r.err().strip();
        assertTrue(text.contains("--no-such-option"), text);
        assertEquals(1, text.lines().count(), text);
    }

    @Test
    void versionNamesTheBuildDate() {
        CommandRun r = CommandRun.gnomon("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)gnomon \\S+ \\(built \\d{4}-\\d{2}-\\d{2}\\).*"), r.out());
    }
}
