package io.gnomon.sim;

import io.gnomon.fault.GpsFault;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.util.Optional;

/** The named scenarios of docs/ACCURACY.md and the acceptance tests. */
public final class Scenarios {
    private static final long NS = 1_000_000_000L;
    /** 2026-03-01T00:00:00.3Z: starts mid-second. */
    public static final UtcTime START = UtcTime.of(Instant.parse("2026-03-01T00:00:00.300Z"));
    public static final UtcTime EARLIEST = UtcTime.of(Instant.parse("2026-01-01T00:00:00Z"));

    private Scenarios() {}

    public static ReferenceConfig reference(boolean sendsBefore) {
        LabellerConfig l = LabellerConfig.defaults(EARLIEST);
        return ReferenceConfig.defaults(sendsBefore ? l.sendingBeforeEdge() : l);
    }

    /** σ_PPS = 1 µs, host 30 ppm fast with wander and a daily temperature cycle, MTK3339 at 500 ms. */
    public static Scenario accuracy(LeapSecondTable leaps, long seconds) {
        return new Scenario("accuracy (σ 1 µs, 30 ppm + wander + temperature, MTK3339)", 1, START, seconds,
                OscillatorParams.typicalPi(), SimulatedPps.Params.clean(1_000), ReceiverModel.mtk3339(), null, null,
                -1, 250_000_000L, Optional.empty(), reference(false), leaps, 600, false);
    }

    /** Locked for {@code lockedSeconds}, then the whole GPS is unplugged for {@code holdoverSeconds}. */
    public static Scenario holdover(LeapSecondTable leaps, long lockedSeconds, long holdoverSeconds) {
        return new Scenario("holdover", 2, START, lockedSeconds + holdoverSeconds, OscillatorParams.typicalPi(),
                SimulatedPps.Params.clean(1_000), ReceiverModel.ublox(), null, null, lockedSeconds, 0,
                Optional.empty(), reference(false), leaps, 600, false);
    }

    public static Scenario labelling(String name, LeapSecondTable leaps, long seconds, ReceiverModel receiver,
                                     java.util.function.LongUnaryOperator delay,
                                     java.util.function.LongFunction<GpsFault> faults, SimulatedPps.Params pps) {
        return new Scenario(name, name.hashCode(), START, seconds, OscillatorParams.typicalPi(), pps, receiver, delay,
                faults, -1, 0, Optional.empty(), reference(receiver.sendsBeforeEdge()), leaps, 60, false);
    }

    /** A delay drifting back and forth between 100 and 500 ms over {@code periodSeconds}. */
    public static java.util.function.LongUnaryOperator drifting(long periodSeconds) {
        return n -> {
            double phase = (n % periodSeconds) / (double) periodSeconds;
            double tri = phase < 0.5 ? phase * 2 : 2 - phase * 2;
            return (long) ((100 + 400 * tri) * 1e6);
        };
    }

    public static Scenario leapSecond(LeapSecondTable leaps, long seconds) {
        UtcTime start = UtcTime.of(Instant.parse("2016-12-31T23:50:00.300Z"));
        LabellerConfig l = LabellerConfig.defaults(UtcTime.of(Instant.parse("2016-01-01T00:00:00Z")));
        return new Scenario("leap second 2016-12-31T23:59:60", 7, start, seconds, OscillatorParams.typicalPi(),
                SimulatedPps.Params.clean(1_000), ReceiverModel.ublox(), null, null, -1, 0, Optional.empty(),
                ReferenceConfig.defaults(l), leaps, 60, false);
    }

    static long ns(double seconds) {
        return (long) (seconds * NS);
    }
}
