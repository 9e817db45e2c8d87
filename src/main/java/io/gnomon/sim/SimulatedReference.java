package io.gnomon.sim;

import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;

/**
 * A stand-in reference clock that follows the served clock: synchronised at stratum 1 with refid
 * {@code SIM}, its reference time the start of the current second (so it moves on every second), its root
 * dispersion a small constant. Until simulated GPS and PPS devices drive the real pipeline, this is what
 * {@code gnomon simulate} serves. Not a real reference: it vouches for whatever the host clock says.
 */
public final class SimulatedReference implements ReferenceSource {
    public static final String REF_ID = "SIM";
    /** Claimed error bound: small, as for a good local reference. */
    public static final double ROOT_DISPERSION_SECONDS = 10e-6;

    private final ServedClock clock;
    private final boolean synchronised;
    private final LeapIndicator leap;
    private volatile ReferenceSnapshot latest;

    /**
     * @param synchronised false: always answer "not synchronised" (leap indicator 3)
     * @param leap         {@link LeapIndicator#NO_WARNING}, or a leap second announced for the end of every
     *                     UTC day (the simulation only announces it; it never inserts or deletes one)
     */
    public SimulatedReference(ServedClock clock, boolean synchronised, LeapIndicator leap) {
        if (leap == LeapIndicator.UNSYNCHRONISED) {
            throw new IllegalArgumentException("use synchronised=false for an unsynchronised reference");
        }
        this.clock = clock;
        this.synchronised = synchronised;
        this.leap = leap;
        this.latest = ReferenceSnapshot.unsynchronised(REF_ID);
    }

    @Override
    public ReferenceSnapshot current() {
        if (!synchronised) {
            return latest;
        }
        long second = clock.now().epochSecond();
        ReferenceSnapshot s = latest;
        if (!s.synchronised() || s.referenceTime().epochSecond() != second) {
            s = new ReferenceSnapshot(true, 1, REF_ID, UtcTime.ofEpochSecond(second), 0.0,
                    ROOT_DISPERSION_SECONDS, leap);
            latest = s;
        }
        return s;
    }

    /** For the start log line. */
    public String describe() {
        String what = "simulated reference (follows the host clock), refid " + REF_ID;
        if (!synchronised) {
            return what + ", NOT synchronised: answering leap indicator 3";
        }
        return what + ", stratum 1, " + switch (leap) {
            case NO_WARNING -> "no leap second announced";
            case INSERT_SECOND -> "announcing a leap second insertion at the end of the UTC day";
            case DELETE_SECOND -> "announcing a leap second deletion at the end of the UTC day";
            case UNSYNCHRONISED -> throw new IllegalStateException();
        };
    }
}
