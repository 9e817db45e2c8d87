package io.gnomon.adapter.state;

import io.gnomon.adapter.state.StateFile;
import io.gnomon.discipline.FrequencyState;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;

/** The frequency estimate kept across restarts in a {@link StateFile}; every read and write is logged. */
public final class FrequencyStore {
    private final Path path;
    private final RealtimeClock realtime;
    private final Logger log;

    public FrequencyStore(Path path, RealtimeClock realtime, Logger log) {
        this.path = path;
        this.realtime = realtime;
        this.log = log;
    }

    Path path() {
        return path;
    }

    /** The saved frequency, if the file holds one. */
    public Optional<Double> read() {
        return switch (new StateFile(path).load()) {
            case StateFile.Loaded.Found f -> {
                log.info("saved frequency {} ppm from {}", ppm(f.state().frequency()), path);
                yield Optional.of(f.state().frequency());
            }
            case StateFile.Loaded.Absent a -> {
                log.info("no state file at {} yet: the frequency is learned from scratch", path);
                yield Optional.empty();
            }
            case StateFile.Loaded.Unusable u -> {
                log.warn("state file {} ignored: {}; the frequency is learned from scratch", path, u.reason());
                yield Optional.empty();
            }
        };
    }

    /** Writes the frequency atomically (when there is one worth keeping); a failure is logged, not thrown. */
    public void save(Optional<Double> frequency) {
        frequency.ifPresent(f -> {
            try {
                new StateFile(path).write(new FrequencyState(f, new UtcTime(realtime.now().epochNanos())));
                log.info("frequency {} ppm saved to {}", ppm(f), path);
            } catch (IOException e) {
                log.warn("cannot save the frequency to {}: {}", path, e.getMessage());
            }
        });
    }

    private static String ppm(double f) {
        return String.format(Locale.ROOT, "%.3f", f * 1e6);
    }
}
