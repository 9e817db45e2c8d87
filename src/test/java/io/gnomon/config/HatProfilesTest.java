package io.gnomon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped board profiles are consistent with themselves and with what the Pi needs. */
class HatProfilesTest {

    static List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("board/hats"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hat"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    @Test
    void everyProfileParsesAndIsNamedLikeItsFile() throws IOException {
        assertEquals(List.of("adafruit-ultimate-gps", "generic-usb", "uputronics-gps-rtc", "waveshare-l76x"), names());
        for (String n : names()) {
            assertEquals(n, TestHats.load(n).name());
        }
    }

    @Test
    void theOverlayPinIsThePpsPinAndTheUartIsThePl011OnEveryModel() throws IOException {
        for (String n : names()) {
            HatProfile h = TestHats.load(n);
            if (h.ppsWire() == HatProfile.PpsWire.NONE) {
                assertTrue(h.bootConfig().isEmpty(), n + ": a receiver without PPS on a GPIO needs no boot changes");
                assertTrue(h.cmdlineRemove().isEmpty(), n);
                continue;
            }
            assertTrue(h.bootConfig().contains(new HatProfile.BootConfigLine("all",
                    "dtoverlay=pps-gpio,gpiopin=" + h.ppsGpio().orElseThrow())), n);
            assertTrue(h.bootConfig().contains(new HatProfile.BootConfigLine("all", "enable_uart=1")), n);
            for (String model : List.of("pi3", "pi4", "pi02")) {
                assertTrue(h.bootConfig().contains(new HatProfile.BootConfigLine(model, "dtoverlay=disable-bt")), n + model);
            }
            assertTrue(h.bootConfig().contains(new HatProfile.BootConfigLine("pi5", "dtoverlay=uart0-pi5")), n);
            assertEquals("/dev/ttyAMA0", h.serialDevice(), n);
            assertTrue(h.cmdlineRemove().contains("console=serial0,115200"), n);
        }
    }

    @Test
    void theDocumentedPinsAndSpeeds() {
        HatProfile adafruit = TestHats.load("adafruit-ultimate-gps");
        assertEquals(Optional.of(4), adafruit.ppsGpio());
        assertEquals(9600, adafruit.serialBaud());
        HatProfile uputronics = TestHats.load("uputronics-gps-rtc");
        assertEquals(Optional.of(18), uputronics.ppsGpio());
        assertEquals(115200, uputronics.serialBaud());
        assertEquals(List.of(9600), uputronics.serialBaudAlternatives());
        HatProfile waveshare = TestHats.load("waveshare-l76x");
        assertEquals(HatProfile.PpsWire.NEEDS_WIRE, waveshare.ppsWire());
        assertEquals(Optional.of(18), waveshare.ppsGpio(), "GPIO4 is the L76X HAT's STANDBY line");
        assertEquals(new PpsSetting.None(), TestHats.load("generic-usb").defaultPps());
    }

    @Test
    void brokenProfilesAreReportedNotThrown() {
        var r = HatProfileParser.parse("x.hat", "name=Bad Name\nserial-baud=9601\nboot-config.pi9=x\nnonsense\n");
        List<String> errors = assertInstanceOf(HatProfileParser.Result.Invalid.class, r).errors().stream()
                .map(ConfigError::toString).toList();
        assertEquals(List.of("x.hat:3: unknown config.txt section [pi9] (known: all, pi02, pi3, pi4, pi5)",
                "x.hat:4: expected key=value", "x.hat: missing \"title\"", "x.hat: missing \"serial-device\"",
                "x.hat: missing \"pps-wire\"", "x.hat: missing \"nmea-delay-class\""), errors);
    }
}
