package io.gnomon.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.config.ConfigParser;
import io.gnomon.config.ConfigResult;
import io.gnomon.config.GnomonConfig;
import io.gnomon.config.HatProfile;
import io.gnomon.config.HatProfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/setup-pi against copies of a Raspberry Pi OS trixie boot partition (src/test/resources/raspios-trixie-boot). */
class SetupPiTest {

    static final Path FIXTURES = Path.of("src/test/resources/raspios-trixie-boot");

    record Run(int code, String output) {
    }

    static Run setupPi(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/setup-pi"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    static HatProfile profile(String name) throws IOException {
        var r = HatProfileParser.parse(name, Files.readString(Path.of("board/hats", name + ".hat")));
        return assertInstanceOf(HatProfileParser.Result.Valid.class, r).profile();
    }

    static Optional<HatProfile> findProfile(String name) {
        try {
            return Files.exists(Path.of("board/hats", name + ".hat")) ? Optional.of(profile(name)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The block setup-pi must append: the profile's lines grouped by section, opened and closed with [all]. */
    static List<String> expectedBlock(HatProfile h) {
        Map<String, List<String>> bySection = new LinkedHashMap<>();
        for (HatProfile.BootConfigLine l : h.bootConfig()) {
            bySection.computeIfAbsent(l.section(), s -> new ArrayList<>()).add(l.line());
        }
        List<String> block = new ArrayList<>();
        block.add("# >>> gnomon-setup-pi: " + h.name() + " (rewritten by gnomon-setup-pi; remove the block to undo)");
        bySection.forEach((section, lines) -> {
            block.add("[" + section + "]");
            block.addAll(lines);
        });
        block.add("[all]");
        block.add("# <<< gnomon-setup-pi");
        return block;
    }

    private static Path[] prepare(Path dir) throws IOException {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.copy(FIXTURES.resolve("config.txt"), boot.resolve("config.txt"));
        Files.copy(FIXTURES.resolve("cmdline.txt"), boot.resolve("cmdline.txt"));
        Files.copy(Path.of("board/gnomon.conf"), etc.resolve("gnomon.conf"));
        return new Path[] {boot, etc};
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adafruit-ultimate-gps", "uputronics-gps-rtc", "waveshare-l76x", "generic-usb"})
    void dryRunShowsTheEditsAndChangesNothing(String hat, @TempDir Path dir) throws Exception {
        Path[] be = prepare(dir);
        HatProfile h = profile(hat);
        Run r = setupPi("--hat", hat, "--dry-run", "--boot", be[0].toString(), "--etc", be[1].toString(), "--no-install");
        assertEquals(0, r.code(), r.output());
        assertEquals(Files.readString(FIXTURES.resolve("config.txt")), Files.readString(be[0].resolve("config.txt")));
        assertEquals(Files.readString(FIXTURES.resolve("cmdline.txt")), Files.readString(be[0].resolve("cmdline.txt")));
        assertEquals(List.of("boot/cmdline.txt", "boot/config.txt", "etc/gnomon.conf"), files(dir));
        List<String> out = r.output().lines().toList();
        if (h.bootConfig().isEmpty()) {
            assertTrue(out.contains("unchanged: " + be[0].resolve("config.txt")), r.output());
            assertTrue(out.contains("unchanged: " + be[0].resolve("cmdline.txt")), r.output());
        } else {
            for (String line : expectedBlock(h)) {
                assertTrue(out.contains("+" + line), line + "\n" + r.output());
            }
            assertTrue(out.contains("-console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 "
                    + "fsck.repair=yes rootwait cfg80211.ieee80211_regdom=GB"), r.output());
            assertTrue(out.contains("+console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait "
                    + "cfg80211.ieee80211_regdom=GB"), r.output());
        }
        assertTrue(out.contains("-#hat adafruit-ultimate-gps") && out.contains("+hat " + hat), r.output());
        assertEquals("dry run: nothing was changed.", out.getLast());
    }

    @ParameterizedTest
    @ValueSource(strings = {"adafruit-ultimate-gps", "uputronics-gps-rtc", "waveshare-l76x", "generic-usb"})
    void aRealRunAppliesTheProfileAndASecondRunChangesNothing(String hat, @TempDir Path dir) throws Exception {
        Path[] be = prepare(dir);
        HatProfile h = profile(hat);
        String[] args = {"--hat", hat, "--boot", be[0].toString(), "--etc", be[1].toString(), "--no-install"};
        Run first = setupPi(args);
        assertEquals(0, first.code(), first.output());
        List<String> config = Files.readAllLines(be[0].resolve("config.txt"));
        List<String> original = Files.readAllLines(FIXTURES.resolve("config.txt"));
        String cmdline = Files.readString(be[0].resolve("cmdline.txt"));
        if (h.bootConfig().isEmpty()) {
            assertEquals(original, config);
            assertTrue(first.output().contains("The boot partition was already set up"), first.output());
        } else {
            // the image's file untouched, one blank line, then our block, which opens with [all]
            assertEquals(original, config.subList(0, original.size()));
            assertEquals("", config.get(original.size()));
            assertEquals(expectedBlock(h), config.subList(original.size() + 1, config.size()));
            assertEquals("[all]", expectedBlock(h).get(1));
            assertEquals("console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait "
                    + "cfg80211.ieee80211_regdom=GB\n", cmdline);
            assertTrue(first.output().contains("Reboot to apply the boot changes:  sudo reboot"), first.output());
        }
        // the jar's parser reads what setup-pi wrote, and agrees about the HAT
        ConfigResult parsed = new ConfigParser(SetupPiTest::findProfile)
                .parse("gnomon.conf", Files.readString(be[1].resolve("gnomon.conf")));
        GnomonConfig c = assertInstanceOf(ConfigResult.Valid.class, parsed, parsed::toString).config();
        assertEquals(Optional.of(hat), c.hat());
        assertEquals(Optional.of(h.serialDevice()), c.serialDevice());

        List<String> afterFirst = files(dir);
        Map<String, String> contents = new LinkedHashMap<>();
        for (String f : afterFirst) {
            contents.put(f, Files.readString(dir.resolve(f)));
        }
        Run second = setupPi(args);
        assertEquals(0, second.code(), second.output());
        assertTrue(second.output().strip().endsWith("Nothing to change: the Pi is already set up for " + hat + "."),
                second.output());
        assertFalse(second.output().contains("backup:"), second.output());
        assertEquals(afterFirst, files(dir));
        for (String f : afterFirst) {
            assertEquals(contents.get(f), Files.readString(dir.resolve(f)), f);
        }
        // one backup per file the first run changed, holding the original
        assertEquals(Files.readString(FIXTURES.resolve("cmdline.txt")).equals(cmdline) ? 0 : 1,
                afterFirst.stream().filter(f -> f.startsWith("boot/cmdline.txt.gnomon-")).count());
        assertEquals(1, afterFirst.stream().filter(f -> f.startsWith("etc/gnomon.conf.gnomon-")).count());
    }

    @Test
    void switchingHatsReplacesTheBlockInsteadOfAddingOne(@TempDir Path dir) throws Exception {
        Path[] be = prepare(dir);
        String[] common = {"--boot", be[0].toString(), "--etc", be[1].toString(), "--no-install"};
        assertEquals(0, setupPi(concat(new String[] {"--hat", "adafruit-ultimate-gps"}, common)).code());
        assertEquals(0, setupPi(concat(new String[] {"--hat", "uputronics-gps-rtc"}, common)).code());
        String config = Files.readString(be[0].resolve("config.txt"));
        assertEquals(1, config.split("# >>> gnomon-setup-pi", -1).length - 1, config);
        assertTrue(config.contains("dtoverlay=pps-gpio,gpiopin=18") && !config.contains("gpiopin=4"), config);
        assertTrue(Files.readString(be[1].resolve("gnomon.conf")).contains("\nhat uputronics-gps-rtc\n"));
    }

    @Test
    void mistakesAreOneClearLine(@TempDir Path dir) throws Exception {
        Path[] be = prepare(dir);
        Run unknown = setupPi("--hat", "garmin", "--boot", be[0].toString(), "--no-install");
        assertEquals(1, unknown.code());
        assertEquals("gnomon-setup-pi: unknown HAT 'garmin'; known: adafruit-ultimate-gps generic-usb uputronics-gps-rtc "
                + "waveshare-l76x", unknown.output().strip());
        Run noHat = setupPi("--dry-run");
        assertEquals(2, noHat.code());
        assertTrue(noHat.output().startsWith("gnomon-setup-pi: --hat NAME is required"), noHat.output());
        Run noBoot = setupPi("--hat", "generic-usb", "--boot", dir.resolve("nowhere").toString(), "--no-install");
        assertEquals(1, noBoot.code());
        assertTrue(noBoot.output().contains("no " + dir.resolve("nowhere") + "/config.txt"), noBoot.output());
        Run list = setupPi("--list");
        assertEquals(0, list.code());
        assertTrue(list.output().contains("waveshare-l76x           Waveshare L76X GPS HAT (PPS needs a wire to GPIO18)"),
                list.output());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
