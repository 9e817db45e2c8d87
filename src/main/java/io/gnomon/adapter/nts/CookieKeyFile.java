package io.gnomon.adapter.nts;

import io.gnomon.nts.CookieKeys;
import io.gnomon.nts.Randomness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cookie master keys in the state directory, so a restart does not invalidate every client's cookies.
 * Written 0600 and atomically (temporary file, fsync, rename, fsync of the directory). A missing file means
 * first start; an unreadable or corrupt one means new keys and one log line (clients then get one NTS NAK and
 * run NTS-KE again) — never a crash. The file's content never reaches a log.
 */
public final class CookieKeyFile {
    private static final Logger log = LoggerFactory.getLogger("gnomon.nts");
    public static final String NAME = "nts-cookie-keys";

    private final Path path;

    public CookieKeyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The keys on disk, or new keys (written back) when there are none usable. */
    public CookieKeys loadOrCreate(long nowEpochSeconds, Randomness random) {
        CookieKeys keys = null;
        try {
            keys = CookieKeys.decode(Files.readString(path, StandardCharsets.US_ASCII));
            if (keys == null) {
                log.warn("NTS cookie key file {} is not one this program wrote (corrupt or truncated): made new keys;"
                        + " clients get one NTS NAK and fetch new cookies", path);
            }
        } catch (NoSuchFileException e) {
            log.info("NTS cookie key file {} does not exist yet: made new keys", path);
        } catch (IOException | RuntimeException e) {
            log.warn("NTS cookie key file {} cannot be read ({}): made new keys; clients get one NTS NAK and fetch"
                    + " new cookies", path, e.getClass().getSimpleName());
        }
        if (keys == null) {
            keys = CookieKeys.fresh(nowEpochSeconds, random);
            save(keys);
        }
        return keys;
    }

    /** Writes the keys; a failure is logged (the keys still work until the next restart). */
    public void save(CookieKeys keys) {
        try {
            write(keys.encode());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write NTS cookie key file {} ({}): cookies will not survive a restart", path,
                    e.getClass().getSimpleName());
        }
    }

    private void write(String text) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.WRITE))) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
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
