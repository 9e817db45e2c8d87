package io.gnomon.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The test class path made usable by a child process running as an unprivileged user (e.g. nobody). */
public final class ReadableClasspath {

    private ReadableClasspath() {
    }

    /**
     * This JVM's class path for a child running as nobody: class directories as they are (world-readable), jars
     * (under root's private Maven repository) copied into {@code dir}, world-readable.
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
                entries.add(path.toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                Path copy = jars.resolve((n++) + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
