package io.gnomon.adapter.state;

import io.gnomon.leap.LeapSecondTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads leap-seconds.list (tzdata: /usr/share/zoneinfo/leap-seconds.list). */
public final class LeapSecondFile {
    public static final Path DEFAULT = Path.of("/usr/share/zoneinfo/leap-seconds.list");

    private LeapSecondFile() {}

    public static LeapSecondTable.Parsed read(Path path) {
        try {
            return LeapSecondTable.parse(Files.readString(path, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return new LeapSecondTable.Parsed.Rejected(path + ": " + e.getMessage());
        }
    }
}
