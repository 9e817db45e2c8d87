package io.gnomon.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Properties;

/** Version and build date, written into the jar by Maven resource filtering. */
public record BuildInfo(String version, LocalDate buildDate) {

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version", "dev");
        LocalDate date;
        try {
            date = LocalDate.parse(p.getProperty("buildDate", ""));
        } catch (RuntimeException e) {
            // running from an IDE without resource filtering: the anchor must still be a real, recent date
            date = LocalDate.of(2026, 11, 25);
        }
        return new BuildInfo(version, date);
    }
}
