package io.gnomon.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The test class path made usable by a child process running as an unprivileged user (e.g. nobody). */
public final class ReadableClasspath {

    private ReadableClasspath() {
    }

    /**
     * This JVM's class path for a child running as nobody: class directories and jars copied into {@code dir} and
     * made world-readable. Both are copied because neither may be reachable by nobody where they are: jars sit in
     * root's private Maven repository, class directories in a checkout that may be in a private folder (root's home,
     * a {@code mktemp -d} directory, mode 0700). {@code dir} itself must be reachable (a JUnit {@code @TempDir}
     * under /tmp is).
     */
    public static String in(Path dir) throws Exception {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                Path copy = dir.resolve((n++) + "-" + path.getFileName());
                copyTree(path, copy);
                entries.add(copy.toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                Path copy = jars.resolve((n++) + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
