package io.gnomon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the file holds, the parser answers with a configuration or with located errors — never an exception. */
class ConfigParserPropertiesTest {

    private static final List<String> WORDS = List.of("hat", "reference", "serial-device", "serial-baud", "pps",
            "nmea-delay-class", "listen", "state-directory", "clock-discipline", "gps", "simulated", "kernel", "gpio",
            "none", "/dev/pps0", "/dev/ttyAMA0", "gpiochip0", "18", "9600", "115200", "0", "123", "::", "0.0.0.0",
            "127.0.0.1", "adafruit-ultimate-gps", "generic-usb", "short", "long", "#", "/var/lib/gnomon", "-1",
            "99999999999999999999", "\u0000", "\u00e9", "\t", "=", "::ffff:1.2.3.4", "[::1]");

    @Property(tries = 2000)
    void randomTextNeverThrows(@ForAll("files") String text) {
        check(text);
    }

    @Property(tries = 2000)
    void arbitraryUnicodeNeverThrows(@ForAll String text) {
        check(text);
    }

    private static void check(String text) {
        ConfigResult r = ConfigParserTest.PARSER.parse("f.conf", text);
        int lines = text.split("\n", -1).length;
        if (r instanceof ConfigResult.Invalid i) {
            assertFalse(i.errors().isEmpty());
            for (ConfigError e : i.errors()) {
                assertEquals("f.conf", e.file());
                assertTrue(e.line() >= 0 && e.line() <= lines, e.toString());
                assertFalse(e.reason().isBlank());
            }
        } else if (r instanceof ConfigResult.Valid v) {
            // a valid configuration always prints and parses back to the same values
            ConfigResult again = ConfigParserTest.PARSER.parse("p.conf", ConfigPrinter.print(v.config()));
            assertTrue(again instanceof ConfigResult.Valid, again::toString);
            assertEquals(ConfigParserTest.withoutOrigins(v.config()),
                    ConfigParserTest.withoutOrigins(((ConfigResult.Valid) again).config()));
        }
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> line = word.list().ofMaxSize(5).map(ws -> String.join(" ", ws));
        Arbitrary<String> directiveLine = Combinators.combine(Arbitraries.of(WORDS.subList(0, 9)),
                Arbitraries.of(WORDS).list().ofMaxSize(3)).as((d, args) -> d + " " + String.join(" ", args));
        return Arbitraries.oneOf(line, directiveLine).list().ofMaxSize(12)
                .map(ls -> String.join(Arbitraries.of("\n", "\r\n").sample(), ls));
    }
}
