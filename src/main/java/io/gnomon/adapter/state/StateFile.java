package io.gnomon.adapter.state;

import io.gnomon.discipline.FrequencyState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The frequency state file, written atomically: a temporary file, fsync, rename over the old one, fsync the directory. */
public final class StateFile {
    private final Path path;

    public StateFile(Path path) {
        this.path = path;
    }

    /** What a start finds on disk. */
    public sealed interface Loaded {
        /** A state this program wrote. */
        record Found(FrequencyState state) implements Loaded {}

        /** No state file yet (a first start). */
        record Absent() implements Loaded {}

        /** A file is there but cannot be used (truncated, garbage, implausible, unreadable): ignore it, say why. */
        record Unusable(String reason) implements Loaded {}
    }

    /** The saved state; empty when there is none or it is unusable ({@link #load()} says why). */
    public Optional<FrequencyState> read() {
        return load() instanceof Loaded.Found f ? Optional.of(f.state()) : Optional.empty();
    }

    /** What is on disk, never throwing: a missing file is {@code Absent}, anything unusable says why. */
    public Loaded load() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new Loaded.Absent();
        } catch (IOException | RuntimeException e) { // MalformedInputException for non-ASCII bytes is an IOException
            return new Loaded.Unusable("cannot read it: " + e);
        }
        Optional<FrequencyState> state = FrequencyState.parse(text);
        if (state.isEmpty()) {
            String excerpt = text.strip().length() > 60 ? text.strip().substring(0, 60) + "…" : text.strip();
            return new Loaded.Unusable("not a frequency state this program wrote, truncated or implausible: '"
                    + excerpt.replaceAll("[^\\x20-\\x7E…]", "?") + "'");
        }
        return new Loaded.Found(state.get());
    }

    public void write(FrequencyState state) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(state.serialise().getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory for fsync; the rename is still atomic
        }
    }
}
