package io.gnomon.discipline;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;

/**
 * Optional 24-hour linear leap smear: from noon UTC before a leap second to noon after it, served time runs
 * 86 400/86 401 as fast, so no 23:59:60 is ever served. Off by default. A smeared server disagrees with every
 * unsmeared one by up to 0.5 s that day: clients must never mix the two.
 */
public final class LeapSmear {
    private static final long NS = 1_000_000_000L;
    private static final long HALF_DAY = 43_200L;
    private final LeapSecondTable leaps;

    public LeapSmear(LeapSecondTable leaps) {
        this.leaps = leaps;
    }

    /** Served UTC for continuous time {@code tai}, smeared around any inserted leap second. */
    public UtcTime toUtc(TaiTime tai) {
        for (LeapSecondTable.Entry e : leaps.entries()) {
            int before = leaps.taiMinusUtcAt(e.utcSecond() - 1);
            if (e.taiMinusUtc() - before != 1) {
                continue;
            }
            long startUtc = e.utcSecond() - HALF_DAY;
            long startTai = (startUtc + before) * NS;
            long endTai = startTai + (2 * HALF_DAY + 1) * NS;
            if (tai.nanos() >= startTai && tai.nanos() < endTai) {
                double elapsed = tai.nanos() - startTai;
                return new UtcTime(startUtc * NS + Math.round(elapsed * 86_400.0 / 86_401.0));
            }
        }
        return leaps.toUtc(tai);
    }
}
