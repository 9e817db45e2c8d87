package io.gnomon.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Board profiles read straight from board/hats/ in the source tree (the jar carries the same files). */
final class TestHats {

    private TestHats() {
    }

    static Optional<HatProfile> find(String name) {
        Path p = Path.of("board/hats", name + ".hat");
        return Files.isRegularFile(p) ? Optional.of(load(name)) : Optional.empty();
    }

    static HatProfile load(String name) {
        try {
            String text = Files.readString(Path.of("board/hats", name + ".hat"));
            return switch (HatProfileParser.parse(name + ".hat", text)) {
                case HatProfileParser.Result.Valid v -> v.profile();
                case HatProfileParser.Result.Invalid i -> throw new AssertionError(i.errors().toString());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
