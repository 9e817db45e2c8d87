package io.gnomon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the configuration file parser and the HAT profile parser (Jazzer). The input is the
 * file's bytes, decoded as UTF-8 as the appliance reads them (seeds: board/gnomon.conf, board/hats/*.hat and
 * hand-written variants).
 *
 * <p>Invariants, for any bytes: no exception; a configuration or at least one error, never both; every error
 * names the file, a line that exists (0 = the file as a whole), a non-blank one-line reason, in line order; the
 * same text parses the same way twice; a valid configuration prints and parses back to the same values.
 */
@Tag("slow")
class ConfigParserFuzzTest {

    static final List<String> HAT_NAMES = List.of("adafruit-ultimate-gps", "generic-usb", "uputronics-gps-rtc",
            "waveshare-l76x");
    static final Map<String, HatProfile> HATS = HAT_NAMES.stream()
            .collect(Collectors.toUnmodifiableMap(n -> n, TestHats::load));
    static final ConfigParser PARSER = new ConfigParser(name -> Optional.ofNullable(HATS.get(name)));

    @FuzzTest(maxDuration = "4s")
    void anyConfigFileParsesOrIsRejectedLineByLine(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        ConfigResult r = PARSER.parse("f.conf", text);
        assertEquals(r, PARSER.parse("f.conf", text), "deterministic");
        switch (r) {
            case ConfigResult.Invalid i -> checkErrors(i.errors(), "f.conf", text);
            case ConfigResult.Valid v -> {
                ConfigResult again = PARSER.parse("p.conf", ConfigPrinter.print(v.config()));
                assertTrue(again instanceof ConfigResult.Valid, again::toString);
                assertEquals(ConfigParserTest.withoutOrigins(v.config()),
                        ConfigParserTest.withoutOrigins(((ConfigResult.Valid) again).config()));
            }
        }
    }

    @FuzzTest(maxDuration = "4s")
    void anyHatProfileParsesOrIsRejectedLineByLine(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        HatProfileParser.Result r = HatProfileParser.parse("x.hat", text);
        assertEquals(r, HatProfileParser.parse("x.hat", text), "deterministic");
        if (r instanceof HatProfileParser.Result.Invalid i) {
            checkErrors(i.errors(), "x.hat", text);
        }
    }

    private static void checkErrors(List<ConfigError> errors, String file, String text) {
        int lines = 1 + (int) text.chars().filter(c -> c == '\n').count();
        assertFalse(errors.isEmpty());
        int previous = 0;
        for (ConfigError e : errors) {
            assertEquals(file, e.file());
            // messages as suppliers: building them for every passing check cost most of each execution
            assertTrue(e.line() >= 0 && e.line() <= lines, e::toString);
            assertFalse(e.reason().isBlank(), e::toString);
            assertFalse(e.reason().contains("\n") || e.reason().contains("\r"), () -> "one line per error: " + e);
            int order = e.line() == 0 ? Integer.MAX_VALUE : e.line();
            assertTrue(order >= previous, () -> "errors in line order: " + errors);
            previous = order;
        }
    }
}
