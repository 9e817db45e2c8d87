package io.gnomon.adapter.state;

import io.gnomon.adapter.state.LeapSecondFile;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.UtcTime;
import java.nio.file.Path;
import org.slf4j.Logger;

/** Reads leap-seconds.list once at start; an unusable or expired file is logged, never fatal. */
public final class LeapSecondsAtStart {
    private LeapSecondsAtStart() {}

    public static LeapSecondTable load(Path file, RealtimeClock realtime, Logger log) {
        LeapSecondTable leaps = switch (LeapSecondFile.read(file)) {
            case LeapSecondTable.Parsed.Table t -> t.table();
            case LeapSecondTable.Parsed.Rejected r -> {
                log.warn("leap-seconds.list not used ({}): leap seconds unknown", r.reason());
                yield LeapSecondTable.empty();
            }
        };
        leaps.expires().filter(e -> leaps.isExpiredAt(new UtcTime(realtime.now().epochNanos())))
                .ifPresent(e -> log.warn("leap-seconds.list expired on {}: update tzdata", e));
        return leaps;
    }
}
