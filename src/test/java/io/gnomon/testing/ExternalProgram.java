package io.gnomon.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test talks to. Missing: the test fails when CI=true (scripts/test installs it) and is
 * skipped otherwise.
 */
public record ExternalProgram(Path path) {

    public record Result(int exitCode, String output) {}

    public static ExternalProgram require(String name, String debianPackage) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return new ExternalProgram(Path.of(dir, name));
            }
        }
        missing(name + " is not installed (apt-get install " + debianPackage + ")");
        throw new AssertionError("unreachable");
    }

    static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Fails under CI, skips elsewhere. */
    public static void missing(String why) {
        if (onCi()) {
            fail(why + " (CI=true: external programs must be present)");
        }
        Assumptions.abort(why);
    }

    /** Runs to completion (killed after {@code timeoutSeconds}), stdout and stderr together. */
    public Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(path.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("(reading output failed: " + e + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            fail(command + " did not finish within " + timeoutSeconds + " s; output:\n"
                    + new String(out[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }
}
