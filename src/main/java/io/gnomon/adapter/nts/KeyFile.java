package io.gnomon.adapter.nts;

import io.gnomon.nts.SymmetricKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a chrony/ntpd key file: refused with one line when others can read it or when a line is bad. */
public final class KeyFile {

    private KeyFile() {
    }

    /** @throws IllegalArgumentException one line naming the file and the reason (never a key) */
    public static SymmetricKeys load(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IllegalArgumentException(file + ": readable by every user; keys must be secret"
                        + " (chmod 600 " + file + ")");
            }
            SymmetricKeys.Parsed parsed = SymmetricKeys.parse(Files.readString(file, StandardCharsets.US_ASCII));
            if (!parsed.errors().isEmpty()) {
                throw new IllegalArgumentException(parsed.errors().stream()
                        .map(e -> file + ":" + e.line() + ": " + e.reason()).collect(Collectors.joining("; ")));
            }
            if (parsed.keys().size() == 0) {
                throw new IllegalArgumentException(file + ": no keys in it");
            }
            return parsed.keys();
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }
}
