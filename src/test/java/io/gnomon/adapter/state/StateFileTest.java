package io.gnomon.adapter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.discipline.FrequencyState;
import io.gnomon.time.UtcTime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndReplacesAtomically() throws Exception {
        StateFile f = new StateFile(dir.resolve("sub/frequency"));
        assertTrue(f.read().isEmpty());
        FrequencyState a = new FrequencyState(30.123456e-6, UtcTime.ofEpochSecond(1_772_000_000L));
        f.write(a);
        assertEquals(30.123456, f.read().orElseThrow().frequency() * 1e6, 1e-6);
        f.write(new FrequencyState(-12.5e-6, UtcTime.ofEpochSecond(1_772_000_100L)));
        assertEquals(-12.5, f.read().orElseThrow().frequency() * 1e6, 1e-6);
        assertFalse(Files.exists(dir.resolve("sub/frequency.tmp")));
    }

    @Test
    void garbageOrImplausibleFilesAreIgnored() throws Exception {
        Path p = dir.resolve("frequency");
        Files.writeString(p, "hello");
        assertTrue(new StateFile(p).read().isEmpty());
        Files.writeString(p, "gnomon-frequency 1 9000 ppm 2026-03-01T00:00:00Z");
        assertTrue(new StateFile(p).read().isEmpty());
        Files.writeString(p, "gnomon-frequency 1 NaN ppm 2026-03-01T00:00:00Z");
        assertTrue(new StateFile(p).read().isEmpty());
    }

    @Test
    void aTruncatedOrBinaryFileIsReportedAsUnusableNeverThrown() throws Exception {
        Path p = dir.resolve("frequency");
        assertTrue(new StateFile(p).load() instanceof StateFile.Loaded.Absent);
        new StateFile(p).write(new io.gnomon.discipline.FrequencyState(12.5e-6,
                io.gnomon.time.UtcTime.of(java.time.Instant.parse("2026-03-01T00:00:00Z"))));
        String whole = Files.readString(p);
        assertTrue(new StateFile(p).load() instanceof StateFile.Loaded.Found f && Math.abs(f.state().frequency() - 12.5e-6) < 1e-12);
        for (int cut : new int[] {0, 5, 19, 27, whole.length() - 12}) {
            Files.writeString(p, whole.substring(0, cut));
            StateFile.Loaded loaded = new StateFile(p).load();
            assertTrue(loaded instanceof StateFile.Loaded.Unusable u && u.reason().contains("truncated"),
                    cut + " characters: " + loaded);
        }
        Files.write(p, new byte[] {(byte) 0xff, 0, (byte) 0x80, 10, 13});
        assertTrue(new StateFile(p).load() instanceof StateFile.Loaded.Unusable, "binary garbage");
        assertTrue(new StateFile(p).read().isEmpty());
    }
}
