package io.gnomon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    static final HatProfile ADAFRUIT = TestHats.load("adafruit-ultimate-gps");
    static final ConfigParser PARSER = new ConfigParser(name -> TestHats.find(name));

    static GnomonConfig valid(String text) {
        ConfigResult r = PARSER.parse("t.conf", text);
        return assertInstanceOf(ConfigResult.Valid.class, r, () -> r.toString()).config();
    }

    static List<String> errors(String text) {
        ConfigResult r = PARSER.parse("t.conf", text);
        return assertInstanceOf(ConfigResult.Invalid.class, r, () -> r.toString()).errors().stream()
                .map(ConfigError::toString).toList();
    }

    @Test
    void theShippedSampleIsValidOnceAHatIsChosen() throws IOException {
        String sample = Files.readString(Path.of("board/gnomon.conf"));
        // as shipped, reference gps without a hat or serial-device is incomplete: check-config says what is missing
        assertEquals(List.of("t.conf: reference gps needs a serial-device directive or a hat directive",
                "t.conf: reference gps without a hat needs a pps directive (pps kernel /dev/pps0, pps gpio gpiochip0 18, or pps none)"),
                errors(sample));
        GnomonConfig c = valid(sample.replace("#hat adafruit-ultimate-gps", "hat adafruit-ultimate-gps"));
        assertEquals(Optional.of("/dev/ttyAMA0"), c.serialDevice());
        assertEquals(9600, c.serialBaud());
        assertEquals(new PpsSetting.Kernel("/dev/pps0"), c.pps());
        assertEquals(NmeaDelayClass.LONG, c.nmeaDelayClass());
        assertEquals(List.of(GnomonConfig.DEFAULT_LISTEN), c.listen());
        assertEquals("hat adafruit-ultimate-gps", c.origin("serial-baud"));
    }

    @Test
    void aHatFillsDefaultsAndExplicitDirectivesWinInAnyOrder() {
        GnomonConfig c = valid("serial-baud 115200\nhat adafruit-ultimate-gps\npps gpio gpiochip0 4\n");
        assertEquals(115200, c.serialBaud());
        assertEquals(new PpsSetting.Gpio("gpiochip0", 4), c.pps());
        assertEquals(Optional.of("/dev/ttyAMA0"), c.serialDevice());
        assertEquals("t.conf:1", c.origin("serial-baud"));
        assertEquals("t.conf:3", c.origin("pps"));
        assertEquals("hat adafruit-ultimate-gps", c.origin("serial-device"));
        assertEquals("default", c.origin("reference"));
    }

    @Test
    void everyBadLineIsReportedWithItsLineAndReason() {
        assertEquals(List.of(
                        "t.conf:2: unknown directive \"serial-bauds\" (did you mean \"serial-baud\"?)",
                        "t.conf:3: baud rate must be one of 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800",
                        "t.conf:4: \"hat\" given twice (first at line 1)",
                        "t.conf:5: listen port must be 0..65535",
                        "t.conf:6: listen address must be a numeric IPv4 or IPv6 address, not \"ntp.example\"",
                        "t.conf:7: listen address must be a numeric IPv4 or IPv6 address, not \"127.0.0.1:12311\""
                                + " (the port is a second word: listen 127.0.0.1 12311)",
                        "t.conf:8: listen address must be a numeric IPv4 or IPv6 address, not \"[::1]:123\""
                                + " (the port is a second word: listen ::1 123)"),
                errors("hat adafruit-ultimate-gps\nserial-bauds 9600\n  serial-baud 9601  # typo\nhat generic-usb\n"
                        + "listen 127.0.0.1 65536\nlisten ntp.example\nlisten 127.0.0.1:12311\nlisten [::1]:123\n"));
    }

    @Test
    void unknownHatsAndBadPpsAreRefused() {
        assertEquals(List.of("t.conf:1: unknown HAT \"no-such-hat\" (see /usr/share/gnomon/board/*.hat)"),
                errors("hat no-such-hat\nreference simulated\n"));
        assertEquals(List.of("t.conf:2: \"pps\" takes gpio CHIP LINE (e.g. pps gpio gpiochip0 18), got 2 arguments"),
                errors("hat generic-usb\npps gpio 18\n"));
        assertEquals(List.of("t.conf:2: pps gpio line: GPIO must be a BCM line number 0..53"),
                errors("hat generic-usb\npps gpio gpiochip0 99999999999999\n"));
        assertEquals(List.of("t.conf:1: unknown directive \"\\u0000\\u00e9\" (known: hat, reference, serial-device, "
                        + "serial-baud, pps, nmea-delay-class, listen, state-directory, clock-discipline, http, holdover-limit)"),
                errors("\u0000\u00e9 x\nreference simulated"));
    }

    @Test
    void theSysfsPpsDirectoryIsAKernelPpsDeviceToo() {
        assertEquals(new PpsSetting.Kernel("/sys/class/pps/pps0"),
                valid("hat adafruit-ultimate-gps\npps kernel /sys/class/pps/pps0\n").pps());
        assertEquals(List.of("t.conf:2: pps kernel device must be a device path under /dev/ (e.g. /dev/pps0) or "
                        + "/sys/class/pps/ppsN"),
                errors("hat adafruit-ultimate-gps\npps kernel /sys/class/net/eth0\n"));
    }

    @Test
    void simulatedNeedsNoReceiverAndListensWhereTold() {
        GnomonConfig c = valid("reference simulated   # no hardware\nlisten 127.0.0.1 0\nlisten ::1 12300\n");
        assertEquals(ReferenceKind.SIMULATED, c.reference());
        assertEquals(Optional.empty(), c.serialDevice());
        assertEquals(new PpsSetting.None(), c.pps());
        assertEquals(List.of(new ListenSetting("127.0.0.1", 0), new ListenSetting("::1", 12300)), c.listen());
        assertEquals("t.conf:2,3", c.origin("listen"));
    }

    @Test
    void windowsLineEndsTabsAndCommentsAreFine() {
        GnomonConfig c = valid("# comment\r\n\that\tuputronics-gps-rtc\r\n\r\nserial-baud 9600 # older board\r\n");
        assertEquals(9600, c.serialBaud());
        assertEquals(NmeaDelayClass.SHORT, c.nmeaDelayClass());
        assertEquals(new PpsSetting.Kernel("/dev/pps0"), c.pps());
    }

    @Test
    void theEffectiveConfigurationParsesBackToItself() {
        GnomonConfig c = valid("hat waveshare-l76x\nlisten 0.0.0.0 123\nlisten :: 123\nclock-discipline kernel\n");
        String printed = ConfigPrinter.print(c);
        assertTrue(printed.contains("serial-device /dev/ttyAMA0"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("pps kernel /dev/pps0 +# hat waveshare-l76x")), printed);
        assertEquals(withoutOrigins(c), withoutOrigins(valid(printed)));
    }

    @Test
    void httpAndHoldoverLimitDefaultToLoopbackAndTenMilliseconds() {
        GnomonConfig c = valid("reference simulated\n");
        assertEquals(java.util.Optional.of(new ListenSetting("127.0.0.1", 8123)), c.http());
        assertEquals(0.01, c.holdoverLimitSeconds());
        String printed = ConfigPrinter.print(c);
        assertTrue(printed.lines().anyMatch(l -> l.matches("http 127\\.0\\.0\\.1:8123 +# default")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("holdover-limit 0\\.01 +# default")), printed);
    }

    @Test
    void httpAndHoldoverLimitAreReadPrintedAndParseBack() {
        GnomonConfig c = valid("reference simulated\nhttp [::1]:9000\nholdover-limit 0.0005\n");
        assertEquals(java.util.Optional.of(new ListenSetting("::1", 9000)), c.http());
        assertEquals(0.0005, c.holdoverLimitSeconds());
        assertEquals("t.conf:2", c.origin("http"));
        String printed = ConfigPrinter.print(c);
        assertTrue(printed.lines().anyMatch(l -> l.matches("http \\[::1\\]:9000 +# t.conf:2")), printed);
        assertEquals(withoutOrigins(c), withoutOrigins(valid(printed)));
        GnomonConfig off = valid("reference simulated\nhttp off\n");
        assertTrue(off.http().isEmpty());
        assertTrue(ConfigPrinter.print(off).contains("http off"));
        assertEquals(withoutOrigins(off), withoutOrigins(valid(ConfigPrinter.print(off))));
    }

    @Test
    void badHttpAndHoldoverLimitValuesAreRefusedWithTheirLine() {
        String holdover = "holdover-limit must be a number of seconds above 0 and at most 1 (e.g. 0.01), not ";
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("http 8123", "http must be off or ADDRESS:PORT (e.g. 127.0.0.1:8123, [::1]:8123), not \"8123\"");
        bad.put("http 127.0.0.1:70000", "http port must be 0..65535, not \"70000\"");
        bad.put("http 127.0.0.1:", "http port must be 0..65535, not \"\"");
        bad.put("http localhost:80",
                "http address must be a numeric IPv4 address or a bracketed IPv6 address, not \"localhost\"");
        bad.put("http ::1:80", "http must be off or ADDRESS:PORT (e.g. 127.0.0.1:8123, [::1]:8123), not \"::1:80\"");
        bad.put("http on", "http must be off or ADDRESS:PORT (e.g. 127.0.0.1:8123, [::1]:8123), not \"on\"");
        bad.put("http 127.0.0.1:80 extra", "\"http\" takes ADDRESS:PORT or off, got 2 arguments");
        bad.put("holdover-limit 10ms", holdover + "\"10ms\"");
        bad.put("holdover-limit 0", holdover + "\"0\"");
        bad.put("holdover-limit 5", holdover + "\"5\"");
        bad.put("holdover-limit -0.01", holdover + "\"-0.01\"");
        bad.put("holdover-limit", "\"holdover-limit\" takes one number of seconds, got 0 arguments");
        bad.forEach((line, reason) -> assertEquals(List.of("t.conf:3: " + reason),
                errors("reference simulated\n# then\n" + line + "\n"), line));
        assertEquals(List.of("t.conf:2: \"holdover-limit\" given twice (first at line 1)"),
                errors("holdover-limit 0.01\nholdover-limit 0.02\nreference simulated\n"));
    }

    static GnomonConfig withoutOrigins(GnomonConfig c) {
        return new GnomonConfig(c.hat(), c.reference(), c.serialDevice(), c.serialBaud(), c.pps(), c.nmeaDelayClass(),
                c.listen(), c.stateDirectory(), c.clockDiscipline(), c.http(), c.holdoverLimitSeconds(), Map.of());
    }
}
