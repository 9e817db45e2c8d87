package io.gnomon.adapter.state;

import io.gnomon.config.ConfigParser;
import io.gnomon.config.ConfigResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a configuration file (at most 1 MiB) and parses it with the bundled HAT profiles. */
public final class ConfigFile {

    public static final int MAX_BYTES = 1 << 20;

    /** The file could not be read at all; {@code reason} is one line. */
    public static final class Unreadable extends Exception {
        public Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private ConfigFile() {
    }

    public static ConfigResult load(Path file) throws Unreadable {
        return new ConfigParser(BundledHats::find).parse(file.toString(), read(file));
    }

    static String read(Path file) throws Unreadable {
        if (Files.isDirectory(file)) {
            throw new Unreadable(file + ": is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new Unreadable(file + ": larger than 1 MiB; not a Gnomon configuration file");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable(file + ": permission denied");
        } catch (IOException e) {
            throw new Unreadable(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
