package io.gnomon.config;

import java.util.Optional;

/** Value checks shared by the configuration and board-profile parsers. Each returns empty for a bad value. */
final class ConfigValues {

    static final String BAUD_REASON = "baud rate must be one of " + BaudRates.listed();
    static final String DEVICE_REASON = "must be a device path under /dev/ (letters, digits, / . _ - only)";
    static final String GPIO_REASON = "GPIO must be a BCM line number 0..53";
    static final String DELAY_REASON = "must be short, medium or long";
    static final String PATH_REASON = "must be an absolute path (letters, digits, / . _ - only)";

    static final String PPS_DEVICE_REASON = "must be a device path under /dev/ (e.g. /dev/pps0) or /sys/class/pps/ppsN";

    private ConfigValues() {
    }

    /** A non-negative decimal integer of at most 9 digits (so it always fits an int), or empty. */
    static Optional<Integer> smallInt(String s) {
        return WordShapes.digits(s, 0, s.length(), 1, 9) ? Optional.of(Integer.parseInt(s)) : Optional.empty();
    }

    static Optional<Integer> baud(String s) {
        return smallInt(s).filter(BaudRates::supported);
    }

    static Optional<Integer> gpio(String s) {
        return smallInt(s).filter(n -> n <= 53);
    }

    static boolean isDevicePath(String s) {
        return WordShapes.isPath(s, "/dev/", 1, 200) && !s.contains("/../") && !s.endsWith("/..");
    }

    static boolean isPpsDevicePath(String s) {
        return isDevicePath(s) || isSysfsPps(s);
    }

    /** The kernel PPS device's sysfs directory: its assert file is readable without ioctl or /dev permissions. */
    private static boolean isSysfsPps(String s) {
        String prefix = "/sys/class/pps/pps";
        return s.startsWith(prefix) && WordShapes.digits(s, prefix.length(), s.length(), 1, 3);
    }

    static boolean isAbsolutePath(String s) {
        return WordShapes.isPath(s, "/", 0, 250);
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
