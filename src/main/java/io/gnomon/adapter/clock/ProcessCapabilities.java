package io.gnomon.adapter.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The effective capability set of a process, from the {@code CapEff:} line of {@code /proc/PID/status} (a 64-bit
 * hex mask; bit numbers from linux/capability.h). Reading it needs no privilege.
 */
public record ProcessCapabilities(long effective) {
    public static final int CAP_NET_BIND_SERVICE = 10;
    public static final int CAP_SYS_TIME = 25;

    public boolean has(int capability) {
        return (effective & (1L << capability)) != 0;
    }

    /** Parses the text of a status file; empty when it has no well-formed CapEff line. */
    public static Optional<ProcessCapabilities> parse(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).strip();
                if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return Optional.empty();
                }
                return Optional.of(new ProcessCapabilities(Long.parseUnsignedLong(hex, 16)));
            }
        }
        return Optional.empty();
    }

    /** This process's capabilities from {@code procRoot/self/status}; empty when the file is missing or odd. */
    public static Optional<ProcessCapabilities> ofSelf(Path procRoot) {
        try {
            return parse(Files.readString(procRoot.resolve("self/status")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
