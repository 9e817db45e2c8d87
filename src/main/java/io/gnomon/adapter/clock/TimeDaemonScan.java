package io.gnomon.adapter.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Other programs that steer the system clock and would fight a kernel discipline, found by their
 * {@code /proc/PID/comm} (the kernel truncates it to 15 characters: systemd-timesyncd shows as "systemd-timesyn";
 * ntp.org ntpd, NTPsec and OpenNTPD all run as "ntpd"). chronyd started with {@code -x} (no clock control) or
 * {@code -Q} (measure only) is listed but does not steer.
 */
public final class TimeDaemonScan {

    /** One process found. */
    public record TimeDaemon(long pid, String name, boolean steersClock, String note) {}

    private static final Map<String, String> NAMES = Map.of(
            "chronyd", "chronyd",
            "ntpd", "ntpd",
            "ntpsec", "ntpsec",
            "openntpd", "openntpd",
            "systemd-timesyn", "systemd-timesyncd",
            "systemd-timesyncd", "systemd-timesyncd",
            "ptp4l", "ptp4l",
            "phc2sys", "phc2sys");

    private TimeDaemonScan() {}

    /** Scans {@code procRoot} (normally /proc); processes that vanish or cannot be read are skipped. */
    public static List<TimeDaemon> scan(Path procRoot) {
        List<TimeDaemon> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                String comm = readOrEmpty(dir.resolve("comm")).strip();
                String name = NAMES.get(comm);
                if (name == null) {
                    continue;
                }
                long pid = Long.parseLong(dir.getFileName().toString());
                List<String> args = List.of(readOrEmpty(dir.resolve("cmdline")).split("\0"));
                if (name.equals("chronyd") && (args.contains("-x") || args.contains("-Q"))) {
                    found.add(new TimeDaemon(pid, name, false, args.contains("-x") ? "-x: no clock control"
                            : "-Q: measures only"));
                } else {
                    found.add(new TimeDaemon(pid, name, true, ""));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(TimeDaemon::pid));
        return found;
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.length() <= 10 && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String readOrEmpty(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
