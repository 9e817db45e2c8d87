package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Tests that need a real program: skip without it, except under CI=true, where its absence is a failure. */
public final class ExternalProgram {
    private ExternalProgram() {}

    public static String require(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String why = program + " is not installed (scripts/test installs it with apt-get)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; CI=true, so this test fails instead of skipping");
        }
        Assumptions.abort(why);
        return program;
    }
}
