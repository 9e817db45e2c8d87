package io.gnomon.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Value checks shared by the configuration and board-profile parsers. Each returns empty for a bad value. */
final class ConfigValues {

    static final Set<Integer> BAUDS = Set.of(4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800);
    static final String BAUD_REASON = "baud rate must be one of 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800";
    static final String DEVICE_REASON = "must be a device path under /dev/ (letters, digits, / . _ - only)";
    static final String GPIO_REASON = "GPIO must be a BCM line number 0..53";
    static final String DELAY_REASON = "must be short, medium or long";
    static final String PATH_REASON = "must be an absolute path (letters, digits, / . _ - only)";

    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9._/-]{1,200}");
    private static final Pattern ABSOLUTE = Pattern.compile("/[A-Za-z0-9._/-]{0,250}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private ConfigValues() {
    }

    /** A non-negative decimal integer of at most 9 digits (so it always fits an int), or empty. */
    static Optional<Integer> smallInt(String s) {
        return DIGITS.matcher(s).matches() ? Optional.of(Integer.parseInt(s)) : Optional.empty();
    }

    static Optional<Integer> baud(String s) {
        return smallInt(s).filter(BAUDS::contains);
    }

    static Optional<Integer> gpio(String s) {
        return smallInt(s).filter(n -> n <= 53);
    }

    static boolean isDevicePath(String s) {
        return DEVICE.matcher(s).matches() && !s.contains("/../") && !s.endsWith("/..");
    }

    static boolean isAbsolutePath(String s) {
        return ABSOLUTE.matcher(s).matches();
    }

    static Optional<NmeaDelayClass> delayClass(String s) {
        for (NmeaDelayClass c : NmeaDelayClass.values()) {
            if (c.keyword().equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
