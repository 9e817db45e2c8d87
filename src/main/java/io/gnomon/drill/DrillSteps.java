package io.gnomon.drill;

import io.gnomon.fault.DrillInjection;
import io.gnomon.fault.GpsFault;
import io.gnomon.fault.SerialFault;
import io.gnomon.sim.Scenario;
import io.gnomon.sim.Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A drill as the {@link DrillInjection}s a live appliance carries out, step by step, and whether it can run live. */
public final class DrillSteps {
    private DrillSteps() {
    }

    /** One stretch of a drill with the same injection. */
    public record Step(long fromSecond, long toSecond, DrillInjection injection) {
        public String describe() {
            return injection.describe();
        }
    }

    /** What {@code d} injects at drill second {@code n}. An unplugged receiver is a silent serial line. */
    public static DrillInjection at(Drill d, long n) {
        GpsFault f = d.scenario().faults() == null ? null : d.scenario().faults().apply(n);
        SerialFault serial = d.serialFault().apply(n);
        if (f == GpsFault.UNPLUGGED) {
            serial = SerialFault.SILENCE;
            f = null;
        }
        boolean ppsLost = !d.ppsPresent().test(n);
        return new DrillInjection(ppsLost, serial, f);
    }

    /** The drill as consecutive steps over its duration. */
    public static List<Step> steps(Drill d) {
        List<Step> out = new ArrayList<>();
        long duration = d.scenario().durationSeconds();
        long from = 0;
        DrillInjection current = at(d, 0);
        for (long n = 1; n <= duration; n++) {
            DrillInjection next = n == duration ? null : at(d, n);
            if (!current.equals(next)) {
                out.add(new Step(from, n, current));
                from = n;
                current = next;
            }
        }
        return out;
    }

    /**
     * Why {@code d} cannot run on a live simulated appliance, or empty when it can: a live appliance injects only
     * at the adapter boundary and into the simulated receiver's behaviour, on today's date with the real leap table.
     */
    public static Optional<String> notLive(Drill d) {
        Scenario s = d.scenario();
        if (d.restart() != null) {
            return Optional.of("it restarts Gnomon mid-run: run it as two processes sharing --state-file instead");
        }
        if (!d.hostSteps().isEmpty()) {
            return Optional.of("it steps the host clock, and a live drill never touches this machine's clock (step it"
                    + " yourself, e.g. with date -s on a test box, and watch the status count it)");
        }
        if (d.spuriousPerSecond() > 0) {
            return Optional.of("it adds spurious PPS pulses, which the live injectors cannot create");
        }
        if (any(d, n -> d.edgeDropped().test(n))) {
            return Optional.of("it drops single PPS edges, one step a second, which the live drill does not schedule");
        }
        if (any(d, n -> d.nmeaShiftSeconds().applyAsLong(n) != 0)) {
            return Optional.of("it makes the receiver claim another time, which the simulated receiver cannot do live");
        }
        if (s.delayNanosAtSecond() != null) {
            return Optional.of("it changes the receiver's sentence delay over time, which the live receiver cannot");
        }
        if (!s.start().equals(Scenarios.START) || !sameLeaps(s)) {
            return Optional.of("it needs its own date or leap-second table; a live appliance runs on today's date with"
                    + " the installed leap-seconds.list");
        }
        return Optional.empty();
    }

    private static boolean any(Drill d, java.util.function.LongPredicate p) {
        for (long n = 0; n < d.scenario().durationSeconds(); n++) {
            if (p.test(n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameLeaps(Scenario s) {
        return s.leaps().expires().equals(Drills.leaps().expires()) && s.leaps().entries().equals(Drills.leaps().entries());
    }
}
