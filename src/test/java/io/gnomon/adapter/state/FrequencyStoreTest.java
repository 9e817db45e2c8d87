package io.gnomon.adapter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gnomon.time.RealtimeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FrequencyStoreTest {

    private static FrequencyStore store(Path file) {
        return new FrequencyStore(file, () -> new RealtimeTime(1_764_000_000_000_000_000L),
                LoggerFactory.getLogger(FrequencyStoreTest.class));
    }

    @Test
    void whatIsSavedIsReadBackAndNothingIsWrittenWithoutAnEstimate(@TempDir Path dir) {
        Path file = dir.resolve("state").resolve("frequency");
        store(file).save(Optional.empty());
        assertFalse(Files.exists(file));
        assertEquals(Optional.empty(), store(file).read());
        store(file).save(Optional.of(-12.5e-6));
        assertEquals(-12.5e-6, store(file).read().orElseThrow(), 1e-12);
    }

    @Test
    void anUnwritableDirectoryIsLoggedNotThrown(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        store(notADirectory.resolve("frequency")).save(Optional.of(1e-6));
        assertFalse(Files.exists(notADirectory.resolve("frequency")));
    }
}
