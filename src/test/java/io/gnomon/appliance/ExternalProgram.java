package io.gnomon.appliance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds a real program a test needs: missing means skip, except under CI=true, where it means fail. */
public final class ExternalProgram {

    private ExternalProgram() {
    }

    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String why = name + " is not installed (scripts/test installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** True when running as root (debootstrap and chroot need it). */
    public static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip());
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
