package io.gnomon.adapter.pps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PPS device as the operator names it: {@code /dev/ppsN} (kernel PPS, ioctl), {@code /sys/class/pps/ppsN} (kernel
 * PPS through sysfs, no ioctl; any directory is taken as such a sysfs directory), or {@code gpiochipN:LINE}
 * (a GPIO line's edge events).
 */
public sealed interface PpsDeviceName {

    record Kernel(Path node) implements PpsDeviceName {}

    record Sysfs(Path dir) implements PpsDeviceName {}

    record Gpio(String chip, int line) implements PpsDeviceName {}

    /** Not a name Gnomon understands; {@code reason} says what is expected. */
    record Invalid(String reason) implements PpsDeviceName {}

    Pattern GPIO = Pattern.compile("(?:/dev/)?(gpiochip\\d+):(\\d{1,4})");

    static PpsDeviceName parse(String text) {
        String s = text.strip();
        Matcher g = GPIO.matcher(s);
        if (g.matches()) {
            return new Gpio(g.group(1), Integer.parseInt(g.group(2)));
        }
        if (s.startsWith("/sys/") || (s.startsWith("/") && Files.isDirectory(Path.of(s)))) {
            Path p = Path.of(s);
            if (p.getFileName() != null && p.getFileName().toString().equals("assert")) {
                p = p.getParent();
            }
            return new Sysfs(p);
        }
        if (s.startsWith("/")) {
            return new Kernel(Path.of(s));
        }
        return new Invalid("\"" + s + "\" is not a PPS device: use /dev/ppsN, /sys/class/pps/ppsN or gpiochipN:LINE");
    }
}
