package io.gnomon.drill;

import io.gnomon.fault.GpsFault;
import io.gnomon.fault.SerialFault;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.LockState;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.refclock.StateChange;
import io.gnomon.sim.OscillatorParams;
import io.gnomon.sim.ReceiverModel;
import io.gnomon.sim.Scenario;
import io.gnomon.sim.Scenarios;
import io.gnomon.sim.SimulatedPps;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/** The named fault drills of docs/RELIABILITY.md, each with the outcomes a client must see. */
public final class Drills {
    private static final long MIN = 60;
    /** Locked well within the first minutes; judged from here on. */
    private static final double LOCKED_BY = 5;
    private static final double PPS_OFFSET = 20e-6;

    private Drills() {}

    /** The leap seconds the drills need (2015-07-01 and 2017-01-01), independent of the host's tzdata. */
    public static LeapSecondTable leaps() {
        return new LeapSecondTable(List.of(
                new LeapSecondTable.Entry(Instant.parse("2012-07-01T00:00:00Z").getEpochSecond(), 35),
                new LeapSecondTable.Entry(Instant.parse("2015-07-01T00:00:00Z").getEpochSecond(), 36),
                new LeapSecondTable.Entry(Instant.parse("2017-01-01T00:00:00Z").getEpochSecond(), 37)),
                Optional.empty(), Optional.of(UtcTime.of(Instant.parse("2036-01-01T00:00:00Z"))));
    }

    public static List<Drill> all() {
        return List.of(antennaLoss(), ppsLoss(), bothLost(), nmeaHourJump(), spuriousPulses(), missingEdge(),
                coldStart1980(), leapSecond(), nmeaDelayDrift(), weekRollover(), serialUnplugged(),
                receiverReset(), baudChange(), leapListExpired(), restartMidHoldover(),
                hostClockStepped());
    }

    public static Optional<Drill> named(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static Scenario scenario(String name, long minutes, LongFunction<GpsFault> faults) {
        return new Scenario(name, name.hashCode(), Scenarios.START, minutes * MIN, OscillatorParams.typicalPi(),
                SimulatedPps.Params.clean(1_000), ReceiverModel.ublox(), null, faults, -1, 0, Optional.empty(),
                Scenarios.reference(false), leaps(), 60, false);
    }

    private static LongPredicate between(double fromMinute, double toMinute) {
        return n -> n >= fromMinute * MIN && n < toMinute * MIN;
    }

    private static LongFunction<GpsFault> faultBetween(GpsFault f, double fromMinute, double toMinute) {
        LongPredicate in = between(fromMinute, toMinute);
        return n -> in.test(n) ? f : null;
    }

    private static final LongPredicate ALWAYS = n -> true;
    private static final LongPredicate NEVER = n -> false;
    private static final LongUnaryOperator HONEST = n -> 0;

    private static Drill drill(String name, String summary, Scenario s, LongPredicate pps, LongPredicate dropped,
                               int spurious, LongUnaryOperator shift, List<String> assertions,
                               Function<DrillTimeline, List<String>> check) {
        return new Drill(name, summary, s, pps, dropped, spurious, shift, MIN, assertions, check);
    }

    // ---- row predicates ----

    static boolean ppsLocked(DrillTimeline.Row r) {
        return r.answered() && r.state() == LockState.PPS_LOCKED && r.stratum() == 1 && r.refId().equals("PPS")
                && r.leap() == LeapIndicator.NO_WARNING && Math.abs(r.offsetSeconds()) < PPS_OFFSET
                && r.rootDispersionSeconds() < 100e-6;
    }

    /** Still vouching for the time, and the advertised bound covers the actual error. */
    static boolean honestlyServing(DrillTimeline.Row r) {
        return r.answered() && r.stratum() == 1 && r.leap() != LeapIndicator.UNSYNCHRONISED
                && Math.abs(r.offsetSeconds()) <= r.rootDispersionSeconds();
    }

    static boolean refusing(DrillTimeline.Row r) {
        return !r.answered() && r.leap() == LeapIndicator.UNSYNCHRONISED && r.stratum() == 0;
    }

    /** Whatever a client sees, it is never told a wrong time: synchronised answers are within their bound. */
    static List<String> neverWrong(DrillTimeline t) {
        return t.expect(0, Double.MAX_VALUE, "no synchronised answer outside its root dispersion",
                r -> !r.answered() || Math.abs(r.offsetSeconds()) <= r.rootDispersionSeconds());
    }

    @SafeVarargs
    private static List<String> all(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    private static List<String> require(boolean ok, String message) {
        return ok ? List.of() : List.of(message);
    }

    // ---- the drills ----

    public static Drill antennaLoss() {
        return drill("antenna-loss", "fix lost (sentences say V) at minute 10, PPS continues; fix back at minute 20",
                scenario("antenna-loss", 30, faultBetween(GpsFault.FIX_LOSS, 10, 20)), ALWAYS, NEVER, 0, HONEST,
                List.of("PPS locked, stratum 1, refid PPS, |offset| < 20 µs before the loss",
                        "the first 60 s: PPS edges still labelled by counting from the verified anchor (PPS locked)",
                        "then holdover: still stratum 1, the offset inside the growing root dispersion",
                        "PPS locked again within 2 minutes of the fix returning"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        t.expect(10, 11.5, "PPS edges still counted from the verified anchor", Drills::ppsLocked),
                        t.expect(11.5, 20, "holdover within its bound",
                                r -> honestlyServing(r) && r.state() == LockState.HOLDOVER),
                        growing(t, 11.5, 20),
                        t.expect(22, 30, "PPS locked", Drills::ppsLocked),
                        neverWrong(t)));
    }

    public static Drill ppsLoss() {
        return drill("pps-loss", "PPS line lost at minute 10, the receiver keeps its fix; PPS back at minute 20",
                scenario("pps-loss", 30, null), between(10, 20).negate(), NEVER, 0, HONEST,
                List.of("PPS locked before the loss",
                        "during the loss: still stratum 1, offset inside the root dispersion (holdover, or NMEA only with refid GPS)",
                        "PPS locked again within 2 minutes of PPS returning"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        t.expect(11, 20, "serving within its bound", Drills::honestlyServing),
                        t.expect(11, 20, "holdover or NMEA only",
                                r -> r.state() == LockState.HOLDOVER || r.state() == LockState.NMEA_ONLY),
                        t.expect(22, 30, "PPS locked", Drills::ppsLocked),
                        neverWrong(t)));
    }

    public static Drill bothLost() {
        Scenario s = scenario("both-lost", 240, faultBetween(GpsFault.UNPLUGGED, 10, Double.MAX_VALUE));
        Drill d = drill("both-lost", "PPS and receiver both gone at minute 10, for good (default holdover limit 10 ms;"
                        + " a client asks every 10 minutes)",
                s, n -> n < 10 * MIN, NEVER, 0, HONEST,
                List.of("PPS locked before the loss",
                        "holdover after it: stratum 1, root dispersion growing, offset inside it",
                        "once the bound passes the 10 ms limit: LI=3, stratum 0 (unsynchronised), and it stays so"),
                Drills::checkBothLost);
        return new Drill(d.name(), d.summary(), d.scenario(), d.ppsPresent(), d.edgeDropped(), 0, HONEST, 10 * MIN,
                d.assertions(), d.check());
    }

    private static List<String> checkBothLost(DrillTimeline t) {
        List<DrillTimeline.Row> after = t.minutes(11, Double.MAX_VALUE);
        int firstRefused = -1;
        for (int i = 0; i < after.size(); i++) {
            if (!after.get(i).answered()) {
                firstRefused = i;
                break;
            }
        }
        List<String> f = all(t.expect(LOCKED_BY, 10.5, "PPS locked", Drills::ppsLocked),
                require(firstRefused > 1, "holdover should span several checkpoints, refused from row " + firstRefused),
                neverWrong(t));
        if (firstRefused > 1) {
            double refusedAt = after.get(firstRefused).atSeconds() / 60.0;
            f.addAll(t.expect(11, refusedAt, "holdover within its bound",
                    r -> honestlyServing(r) && r.state() == LockState.HOLDOVER));
            f.addAll(growing(t, 11, refusedAt));
            f.addAll(t.expect(refusedAt, Double.MAX_VALUE, "LI=3 unsynchronised", Drills::refusing));
            f.addAll(require(after.get(firstRefused - 1).rootDispersionSeconds() <= 10e-3,
                    "dispersion past the 10 ms limit was still served"));
        }
        return f;
    }

    public static Drill nmeaHourJump() {
        return drill("nmea-hour-jump", "from minute 10 to 20 the receiver's sentences claim a time one hour later"
                        + " (a spoofing-like jump); PPS continues",
                scenario("nmea-hour-jump", 30, null), ALWAYS, NEVER, 0, n -> between(10, 20).test(n) ? 3600 : 0,
                List.of("PPS locked before the jump",
                        "during the jump: never follows it: every synchronised answer within its root dispersion, "
                                + "|offset| < 1 ms, and the state is not 'PPS locked' (it says why)",
                        "PPS locked again within 2 minutes after the receiver is honest again"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        t.expect(10, 20, "not following the jump", r -> Math.abs(r.offsetSeconds()) < 1e-3),
                        t.expect(11, 20, "a state other than PPS locked", r -> r.state() != LockState.PPS_LOCKED),
                        t.expect(22, 30, "PPS locked", Drills::ppsLocked),
                        neverWrong(t)));
    }

    public static Drill spuriousPulses() {
        return drill("spurious-pps", "5 spurious PPS pulses per second at random times, all run long",
                scenario("spurious-pps", 20, null), ALWAYS, NEVER, 5, HONEST,
                List.of("PPS locked from minute 5 on with |offset| < 20 µs", "no spurious pulse labelled as a second"),
                t -> all(t.expect(LOCKED_BY, 20, "PPS locked", Drills::ppsLocked), neverWrong(t)));
    }

    public static Drill missingEdge() {
        return drill("missing-edge", "the PPS edge of every 7th second is missing",
                scenario("missing-edge", 20, null), ALWAYS, n -> n % 7 == 0, 0, HONEST,
                List.of("PPS locked from minute 5 on with |offset| < 20 µs"),
                t -> all(t.expect(LOCKED_BY, 20, "PPS locked", Drills::ppsLocked), neverWrong(t)));
    }

    public static Drill coldStart1980() {
        return drill("cold-start-1980", "for the first 10 minutes the receiver claims 1980-01-06 dates with a valid fix",
                scenario("cold-start-1980", 20, faultBetween(GpsFault.COLD_START_1980, 0, 10)), ALWAYS, NEVER, 0, HONEST,
                List.of("while it claims 1980: LI=3 (never serves 1980), state says the date is not plausible",
                        "PPS locked within 5 minutes of the real date"),
                t -> all(t.expect(0, 10, "LI=3 with an implausible-date reason",
                                r -> refusing(r) && r.reason().contains("not plausible")),
                        t.expect(15, 20, "PPS locked", Drills::ppsLocked), neverWrong(t)));
    }

    public static Drill weekRollover() {
        return drill("week-rollover", "for the first 10 minutes the receiver's dates are 1024 weeks in the past",
                scenario("week-rollover", 20, faultBetween(GpsFault.WEEK_ROLLOVER, 0, 10)), ALWAYS, NEVER, 0, HONEST,
                List.of("while the dates are 19.6 years old: LI=3, never served", "PPS locked within 5 minutes of the real date"),
                t -> all(t.expect(0, 10, "LI=3", Drills::refusing), t.expect(15, 20, "PPS locked", Drills::ppsLocked),
                        neverWrong(t)));
    }

    public static Drill leapSecond() {
        UtcTime start = UtcTime.of(Instant.parse("2016-12-31T23:40:00.300Z"));
        LabellerConfig l = LabellerConfig.defaults(UtcTime.of(Instant.parse("2016-01-01T00:00:00Z")));
        Scenario s = new Scenario("leap-second", 7, start, 40 * MIN, OscillatorParams.typicalPi(),
                SimulatedPps.Params.clean(1_000), ReceiverModel.ublox(), null, null, -1, 0, Optional.empty(),
                ReferenceConfig.defaults(l), leaps(), 60, false);
        return drill("leap-second", "starts 2016-12-31T23:40:00.3Z; 23:59:60 is inserted at minute 20", s, ALWAYS, NEVER, 0,
                HONEST,
                List.of("before midnight: PPS locked with LI=1 (insert) on every answer",
                        "after midnight: LI=0, PPS locked, |offset| < 20 µs (the leap second was inserted, not smeared)"),
                t -> all(t.expect(LOCKED_BY, 20, "PPS locked with LI=1",
                                r -> r.leap() == LeapIndicator.INSERT_SECOND && r.state() == LockState.PPS_LOCKED
                                        && Math.abs(r.offsetSeconds()) < PPS_OFFSET),
                        t.expect(20.1, 40, "PPS locked with LI=0", Drills::ppsLocked), neverWrong(t)));
    }

    public static Drill nmeaDelayDrift() {
        Scenario base = scenario("nmea-delay-drift", 30, null);
        long seconds = base.durationSeconds();
        LongUnaryOperator drift = n -> (long) ((100 + 500.0 * Math.min(n, seconds) / seconds) * 1e6);
        Scenario s = new Scenario(base.name(), base.seed(), base.start(), seconds, base.oscillator(), base.pps(),
                base.receiver(), drift, null, -1, 0, Optional.empty(), base.reference(), base.leaps(), 60, false);
        return drill("nmea-delay-drift", "the receiver's sentence delay drifts from 100 ms to 600 ms over 30 minutes", s,
                ALWAYS, NEVER, 0, HONEST, List.of("PPS locked from minute 5 on with |offset| < 20 µs"),
                t -> all(t.expect(LOCKED_BY, 30, "PPS locked", Drills::ppsLocked), neverWrong(t)));
    }

    public static Drill serialUnplugged() {
        return drill("serial-unplugged", "serial cable out from minute 10 to 15 (no bytes), PPS continues",
                scenario("serial-unplugged", 25, faultBetween(GpsFault.UNPLUGGED, 10, 15)), ALWAYS, NEVER, 0, HONEST,
                List.of("PPS locked before", "unplugged: 60 s of counting edges (PPS locked), then holdover, stratum 1 inside its bound",
                        "PPS locked again within 2 minutes of the replug"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        t.expect(10, 11.5, "PPS edges still counted from the verified anchor", Drills::ppsLocked),
                        t.expect(11.5, 15, "holdover within its bound",
                                r -> honestlyServing(r) && r.state() == LockState.HOLDOVER),
                        t.expect(17, 25, "PPS locked", Drills::ppsLocked), neverWrong(t)));
    }

    public static Drill hostClockStepped() {
        String forward = "host clock stepped by +3.000 s by another process";
        String back = "host clock stepped by -0.500 s by another process";
        Drill d = drill("host-clock-stepped", "software actuator; another process steps the host clock +3 s at"
                        + " 10:00.2 and -500 ms at 20:00.2 (like date -s)",
                scenario("host-clock-stepped", 30, null), ALWAYS, NEVER, 0, HONEST,
                List.of("PPS locked, stratum 1, refid PPS, |offset| < 20 µs at every minute from minute 5 on,"
                                + " across both steps",
                        "each step is counted in the status model with its size and logged as a notice",
                        "no state change after the first lock (the model is re-expressed, not restarted)"),
                t -> all(t.expect(LOCKED_BY, 30, "PPS locked", Drills::ppsLocked),
                        require(t.counts().getOrDefault(forward, 0L) == 1, "expected the count '" + forward + "' = 1, got "
                                + t.counts()),
                        require(t.counts().getOrDefault(back, 0L) == 1, "expected the count '" + back + "' = 1, got "
                                + t.counts()),
                        require(t.transitions().stream().filter(c -> !c.isTransition()).map(StateChange::reason).toList()
                                .equals(List.of(forward, back)), "expected two notices, got " + t.transitions()),
                        require(t.transitions().stream().dropWhile(c -> c.to() != LockState.PPS_LOCKED).skip(1)
                                .noneMatch(StateChange::isTransition), "the state changed after the first lock: "
                                + t.transitions()),
                        neverWrong(t)));
        return new Drill(d.name(), d.summary(), d.scenario(), d.ppsPresent(), d.edgeDropped(), d.spuriousPerSecond(),
                d.nmeaShiftSeconds(), d.checkpointSeconds(), d.assertions(), d.check(),
                List.of(new Drill.HostStep(600 * NANOS + 200_000_000L, 3 * NANOS),
                        new Drill.HostStep(1200 * NANOS + 200_000_000L, -500_000_000L)));
    }

    private static final long NANOS = 1_000_000_000L;

    /** The root dispersion a client sees grows while the reference is out. */
    static List<String> growing(DrillTimeline t, double from, double to) {
        List<DrillTimeline.Row> rows = t.minutes(from, to);
        if (rows.size() < 2) {
            return List.of("too few rows to see the dispersion grow between minute " + from + " and " + to);
        }
        return require(rows.getLast().rootDispersionSeconds() > rows.getFirst().rootDispersionSeconds(),
                "root dispersion did not grow between minute " + from + " and " + to);
    }

    /** Receiver reset at minute 10: 5 s silent, 3 s of banners, then a cold start without a fix until minute 13. */
    static GpsFault receiverResetFault(long n) {
        long reset = 10 * MIN;
        if (n < reset || n >= 13 * MIN) {
            return null;
        }
        return n < reset + 5 ? GpsFault.UNPLUGGED : n < reset + 8 ? GpsFault.RESET_BANNER : GpsFault.COLD_START_NO_FIX;
    }

    public static Drill receiverReset() {
        Scenario s = scenario("receiver-reset", 30, Drills::receiverResetFault).throughNmeaBytes(true);
        s = new Scenario("receiver-reset", s.seed(), s.start(), s.durationSeconds(), s.oscillator(), s.pps(), s.receiver(),
                null, s.faults(), -1, 0, Optional.empty(), s.reference(), s.leaps(), 60, true);
        return drill("receiver-reset", "the receiver restarts at minute 10: 5 s silent, 3 s of start-up TXT banners, then"
                        + " a cold start (status V, default date 1980-01-06) and no PPS until its fix returns at minute 13;"
                        + " bytes through the real NMEA pipeline",
                s, between(10, 13).negate(), NEVER, 0, HONEST,
                List.of("PPS locked before the reset",
                        "during the reset and cold start: holdover, stratum 1, the offset inside the root dispersion;"
                                + " never 'PPS locked' without PPS",
                        "the no-fix cycles are seen and refused (counted), the 1980 dates never labelled (0 edges with a"
                                + " wrong second)",
                        "PPS locked again within 2 minutes of the fix returning, straight from holdover: not one"
                                + " second of LI=3 in between (no transition to a state that does not serve)"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        servingThroughout(t, 5 * MIN, 30 * MIN),
                        t.expect(10.5, 13, "holdover within its bound",
                                r -> honestlyServing(r) && r.state() == LockState.HOLDOVER),
                        require(t.nmeaCount("receiver epochs") > t.nmeaCount("receiver epochs with a valid fix") + 100,
                                "the cold start's no-fix cycles were not seen as receiver epochs: " + t.nmeaCounts()),
                        t.expect(15, 30, "PPS locked", Drills::ppsLocked),
                        neverWrong(t)));
    }

    public static Drill baudChange() {
        Scenario s = scenario("baud-change", 30, null).throughNmeaBytes(true);
        s = new Scenario("baud-change", s.seed(), s.start(), s.durationSeconds(), s.oscillator(), s.pps(), s.receiver(),
                null, null, -1, 0, Optional.empty(), s.reference(), s.leaps(), 60, true);
        LongPredicate wrong = between(10, 20);
        Drill d = drill("baud-change", "at minute 10 the receiver switches to 4800 baud while the port reads at 9600"
                        + " (the UART assembles framing garbage); at minute 20 the port is set to 4800 too; PPS continues",
                s, ALWAYS, NEVER, 0, HONEST,
                List.of("PPS locked before the change",
                        "garbled: 60 s of counting edges (PPS locked), then holdover, stratum 1 inside its bound",
                        "the garbage is counted by reason (framing rejects), and no sentence with a valid checksum comes"
                                + " out of it",
                        "PPS locked again within 2 minutes of the rates matching"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        t.expect(10, 11.5, "PPS edges still counted from the verified anchor", Drills::ppsLocked),
                        t.expect(11.5, 20, "holdover within its bound",
                                r -> honestlyServing(r) && r.state() == LockState.HOLDOVER),
                        require(t.nmeaCounts().keySet().stream().filter(k -> k.startsWith("framing rejected: "))
                                        .mapToLong(t::nmeaCount).sum() > 10 && t.nmeaCount("framing rejected bytes") > 100_000,
                                "the garbage was not counted by framing reason: " + t.nmeaCounts()),
                        t.expect(22, 30, "PPS locked", Drills::ppsLocked), neverWrong(t)));
        return new Drill(d.name(), d.summary(), d.scenario(), d.ppsPresent(), d.edgeDropped(), 0, HONEST,
                d.checkpointSeconds(), d.assertions(), d.check(),
                n -> wrong.test(n) ? new SerialFault.WrongBaud(4800, 9600) : SerialFault.PASS, null);
    }

    /** The drills' leap seconds, in a list that expired on 2025-12-28, two months before the drills start. */
    public static LeapSecondTable expiredLeaps() {
        LeapSecondTable l = leaps();
        return new LeapSecondTable(l.entries(), Optional.of(UtcTime.of(Instant.parse("2025-07-08T00:00:00Z"))),
                Optional.of(UtcTime.of(Instant.parse("2025-12-28T00:00:00Z"))));
    }

    public static Drill leapListExpired() {
        Scenario base = scenario("leap-list-expired", 20, null);
        Scenario s = new Scenario(base.name(), base.seed(), base.start(), base.durationSeconds(), base.oscillator(),
                base.pps(), base.receiver(), null, null, -1, 0, Optional.empty(), base.reference(), expiredLeaps(), 60,
                false);
        return drill("leap-list-expired", "the leap-seconds.list expired on 2025-12-28, two months before the run starts",
                s, ALWAYS, NEVER, 0, HONEST,
                List.of("served time stays right: PPS locked, stratum 1, |offset| < 20 µs from minute 5 on",
                        "LI=0 on every answer: no leap second is announced that the list does not know",
                        "the status model says the leap file has expired on every row (status JSON, page, metrics and"
                                + " log carry it)"),
                t -> all(t.expect(LOCKED_BY, 20, "PPS locked", Drills::ppsLocked),
                        t.expect(0, 20, "no leap announced",
                                r -> r.leap() == LeapIndicator.NO_WARNING || r.leap() == LeapIndicator.UNSYNCHRONISED),
                        t.expect(LOCKED_BY, 20, "the status model flags the expired leap file",
                                DrillTimeline.Row::leapFileExpired),
                        neverWrong(t)));
    }

    /** Saved state as the new process finds it: intact. */
    public static Drill restartMidHoldover() {
        return restartMidHoldover(text -> text, "intact");
    }

    /**
     * Locked; PPS and receiver lost at minute 10; Gnomon restarts at minute 12 with the state file; devices back at
     * minute 15.
     *
     * @param stateFileOnDisk what the restarted process finds, given what the stopping one wrote
     */
    public static Drill restartMidHoldover(java.util.function.UnaryOperator<String> stateFileOnDisk, String fileWords) {
        boolean intact = fileWords.equals("intact");
        Scenario s = scenario("restart-mid-holdover", 20, faultBetween(GpsFault.UNPLUGGED, 10, 15));
        Drill d = drill("restart-mid-holdover", "PPS and receiver lost at minute 10 (holdover); Gnomon restarts at"
                        + " minute 12 with its state file (" + fileWords + "); PPS and receiver back at minute 15",
                s, between(10, 15).negate(), NEVER, 0, HONEST,
                List.of("PPS locked before the loss; holdover (stratum 1, inside its bound) until the restart",
                        "after the restart, devices still lost: LI=3, stratum 0 (a fresh process has no clock model to"
                                + " vouch for), never holdover",
                        intact ? "PPS locked within 5 s of PPS and fix returning (the saved frequency)"
                                : "the unusable state file is reported and ignored; PPS locked within 2 minutes",
                        "PPS locked from then on"),
                t -> all(t.expect(LOCKED_BY, 10, "PPS locked", Drills::ppsLocked),
                        t.expect(10.5, 12, "holdover within its bound",
                                r -> honestlyServing(r) && r.state() == LockState.HOLDOVER),
                        t.expect(12, 15, "LI=3 after the restart", r -> refusing(r) && r.state() != LockState.HOLDOVER),
                        require(t.transitions().stream().anyMatch(c -> c.reason().startsWith("Gnomon restarted; "
                                        + (intact ? "state file read" : "state file unusable"))),
                                "the restart did not " + (intact ? "read" : "report") + " the state file"),
                        relockedWithin(t, 15 * MIN, intact ? 5 : 120),
                        t.expect(17, 20, "PPS locked", Drills::ppsLocked), neverWrong(t)));
        return new Drill(d.name(), d.summary(), d.scenario(), d.ppsPresent(), d.edgeDropped(), 0, HONEST,
                d.checkpointSeconds(), d.assertions(), d.check(), n -> SerialFault.PASS,
                new Drill.Restart(12 * MIN, stateFileOnDisk));
    }

    /** Every state change between the two times (seconds) goes to a state that serves: no moment of LI=3. */
    static List<String> servingThroughout(DrillTimeline t, double fromSecond, double toSecond) {
        List<String> f = new ArrayList<>();
        for (int i = 0; i < t.transitions().size() && i < t.transitionSeconds().size(); i++) {
            double at = t.transitionSeconds().get(i);
            if (at >= fromSecond && at < toSecond && !t.transitions().get(i).to().serving()) {
                f.add(String.format(java.util.Locale.ROOT, "at %.1f s: %s (clients see LI=3)", at,
                        t.transitions().get(i).logLine()));
            }
        }
        return f;
    }

    private static List<String> relockedWithin(DrillTimeline t, long fromSecond, double seconds) {
        double took = t.secondsUntil(LockState.PPS_LOCKED, fromSecond);
        return require(took <= seconds, "PPS locked " + (Double.isNaN(took) ? "never" : took + " s")
                + " after the devices returned (limit " + seconds + " s)");
    }
}
