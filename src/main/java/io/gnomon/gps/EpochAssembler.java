package io.gnomon.gps;

import io.gnomon.nmea.FieldValue;
import io.gnomon.nmea.NmeaDate;
import io.gnomon.nmea.NmeaSentence;
import io.gnomon.nmea.NmeaTimeOfDay;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Groups decoded sentences into receiver cycles and judges each cycle's time.
 *
 * <p><b>Cycles.</b> A cycle is the run of sentences that share one time of day (compared at the precision of the
 * coarser of two printed times, see {@link NmeaTimeOfDay#sameInstant}). It starts with the first sentence
 * after the previous cycle closed and closes when a sentence with a different time of day arrives, when the caller
 * reports a quiet line ({@link #closeCycleIfQuiet}), or at {@link #endOfInput()}. No learning of "the last
 * sentence of a cycle" is needed, and cycles faster than 1 Hz work the same way. Sentences without a time (GSA,
 * GSV, TXT, unknown) belong to the open cycle.
 *
 * <p><b>Which time counts.</b> An RMC with status A (and no mode N / nav status V), a time and a date; or a ZDA with
 * time and four-digit date while the receiver reports a valid fix (in this cycle, or in the previous one if this
 * cycle says nothing about the fix; an RMC saying "not valid" outvotes every other sentence). Only if the cycle has
 * neither, and no RMC of it says "not valid": a GGA/GLL/GNS time with a real fix, on the
 * date of the last dated epoch (the next day if the time of day wrapped), at most 12 hours after it. Every
 * date passes through {@link DateResolver}. Sentences of one cycle that name different times make it refused.
 *
 * <p><b>Flags.</b> Each named time is compared with the previous cycle's: backwards and repeated times are
 * flagged and refused, a gap of more than 1.5 s is flagged {@link TimeFlag#SKIPPED} (the new time can still
 * be right). Nothing is smoothed. A receiver whose time went backwards has contradicted itself, so its time counts
 * again only once {@value #PROBATION_CYCLES} consecutive cycles have each advanced without a gap, and never at or
 * before the last time trusted: trusted times strictly increase.
 *
 * <p><b>Verdict for PPS.</b> {@link EpochTime.Asserted} needs a trusted time within
 * {@value #WHOLE_SECOND_TOLERANCE_MILLIS} ms after a whole second (receivers such as MTK stamp fixes a few ms
 * after the second, and each second at most once); other fractional cycles name no PPS edge and get
 * {@link EpochTime.Refused} with {@link #NOT_ON_WHOLE_SECOND}.
 */
public final class EpochAssembler {

    public static final long WHOLE_SECOND_TOLERANCE_MILLIS = 50;
    public static final String NOT_ON_WHOLE_SECOND = "sub-second cycle: names no PPS second";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A gap above 1.5 s between cycles means at least one 1 Hz cycle is missing (printed fractions jitter by ms). */
    private static final long SKIP_THRESHOLD_NANOS = 1_500_000_000L;
    private static final long MAX_DATE_CARRY_NANOS = 12 * 3600 * NANOS_PER_SECOND;

    /** After time went backwards, this many consecutive cycles must advance without a gap before time counts again. */
    public static final int PROBATION_CYCLES = 3;
    /** A cycle is closed after this many sentences even without a time change (no real receiver comes close). */
    public static final int MAX_SENTENCES_PER_CYCLE = 500;

    private final DateResolver resolver;
    private int cyclesOnProbation;
    private final Consumer<Epoch> out;

    private Cycle open;
    private NmeaTimeOfDay lastClosedTimeOfDay;
    private boolean lastFixValid;
    private long lateSentences;

    // the last dated epoch: carries its date to GGA/GLL/GNS-only cycles
    private LocalDate knownDate;
    private UtcTime knownDateTime;

    // the previous cycle's named time, for flags
    private UtcTime previousTime;
    private boolean previousLeap;

    // the last second asserted for PPS: each second is asserted at most once
    private UtcTime lastAssertedSecond;
    private boolean lastAssertedLeap;

    // the last time we trusted: a trusted time is always later than it
    private UtcTime lastTrusted;
    private boolean lastTrustedLeap;

    public EpochAssembler(DateResolver resolver, Consumer<Epoch> out) {
        this.resolver = Objects.requireNonNull(resolver);
        this.out = Objects.requireNonNull(out);
    }

    public void accept(NmeaSentence s) {
        MonotonicTime arrival = s.source().firstByteArrival();
        NmeaTimeOfDay tod = s.timeOfDay() instanceof FieldValue.Present<NmeaTimeOfDay> p ? p.value() : null;
        if (open == null && tod != null && tod.sameInstant(lastClosedTimeOfDay)) {
            lateSentences++; // a straggler of a cycle already closed on a quiet line
            return;
        }
        if (open != null && tod != null && open.timeOfDay != null && !open.timeOfDay.sameInstant(tod)) {
            close();
        }
        if (open == null) {
            open = new Cycle(arrival);
        }
        open.add(s);
        if (open.sentences.size() >= MAX_SENTENCES_PER_CYCLE) {
            close(); // a stream without times (depth sounder, AIS only) must not grow one cycle forever
        }
    }

    /** Closes the open cycle if no sentence arrived for {@code quietNanos} before {@code now}. */
    public void closeCycleIfQuiet(MonotonicTime now, long quietNanos) {
        if (open != null && now.nanosSince(open.lastArrival) >= quietNanos) {
            close();
        }
    }

    public void endOfInput() {
        if (open != null) {
            close();
        }
    }

    /** Sentences dropped because their cycle had already been closed on a quiet line. */
    public long lateSentences() {
        return lateSentences;
    }

    private void close() {
        Cycle c = open;
        open = null;
        lastClosedTimeOfDay = c.timeOfDay;
        out.accept(judge(c));
    }

    private record Candidate(UtcTime time, boolean leap, LocalDate date, NmeaTimeOfDay tod, String by) {
    }

    private Epoch judge(Cycle c) {
        List<String> reasons = new ArrayList<>();
        FixStatus fix = FixJudge.status(c);
        boolean fixValid = fix.reported() ? fix.valid() : lastFixValid;
        lastFixValid = fixValid;
        noteBadFields(c, reasons);

        List<Candidate> candidates = datedCandidates(c, fixValid, reasons);
        boolean dated = !candidates.isEmpty();
        if (!dated && (fix.valid() || !fix.reported() || hasNoRmc(c))) {
            candidates = carriedDateCandidates(c, reasons);
        }
        if (c.timeOfDay == null && reasons.isEmpty()) {
            reasons.add("no sentence in this cycle carries a time");
        }

        Optional<UtcTime> time = Optional.empty();
        boolean leap = false;
        List<String> by = new ArrayList<>();
        Set<TimeFlag> flags = EnumSet.noneOf(TimeFlag.class);
        if (!candidates.isEmpty()) {
            Candidate first = candidates.getFirst();
            boolean agree = candidates.stream().allMatch(k -> k.tod().sameInstant(first.tod()) && k.date().equals(first.date()));
            if (!agree) {
                for (Candidate k : candidates) {
                    reasons.add(k.by() + " names " + k.time() + (k.leap() ? " (leap)" : ""));
                }
                reasons.add(0, "sentences of one cycle name different times");
            } else {
                flags = flagsAgainstPrevious(first);
                previousTime = first.time();
                previousLeap = first.leap();
                if (flags.contains(TimeFlag.WENT_BACKWARDS)) {
                    cyclesOnProbation = PROBATION_CYCLES;
                } else if (cyclesOnProbation > 0) {
                    cyclesOnProbation = flags.isEmpty() ? cyclesOnProbation - 1 : PROBATION_CYCLES;
                }
                if (flags.contains(TimeFlag.WENT_BACKWARDS) || flags.contains(TimeFlag.REPEATED)) {
                    reasons.add(0, "time " + first.time() + (flags.contains(TimeFlag.REPEATED)
                            ? " repeats the previous cycle's" : " went backwards"));
                } else if (cyclesOnProbation > 0) {
                    reasons.add(0, "time " + first.time() + ": the receiver's time went backwards recently; waiting for "
                            + PROBATION_CYCLES + " cycles that each advance without a gap");
                } else if (lastTrusted != null && order(first.time(), first.leap(), lastTrusted, lastTrustedLeap) <= 0) {
                    reasons.add(0, "time " + first.time() + " is not after the last trusted time " + lastTrusted);
                } else {
                    lastTrusted = first.time();
                    lastTrustedLeap = first.leap();
                    time = Optional.of(first.time());
                    leap = first.leap();
                    candidates.forEach(k -> by.add(k.by()));
                    if (dated) {
                        knownDate = first.date();
                        knownDateTime = first.time();
                    }
                }
            }
        }
        EpochTime verdict = verdict(time, leap, reasons, c.firstByteArrival);
        return new Epoch(c.firstByteArrival, Optional.ofNullable(c.timeOfDay), time, leap, List.copyOf(by),
                c.sentences.stream().map(s -> s.address().toString()).toList(), fix, Constellations.inView(c),
                List.copyOf(reasons), Set.copyOf(flags), verdict);
    }

    private static boolean hasNoRmc(Cycle c) {
        return c.all(NmeaSentence.Rmc.class).isEmpty();
    }

    private List<Candidate> datedCandidates(Cycle c, boolean fixValid, List<String> reasons) {
        List<Candidate> out = new ArrayList<>();
        for (NmeaSentence s : c.sentences) {
            switch (s) {
                case NmeaSentence.Rmc r -> {
                    String problem = FixJudge.rmcProblem(r);
                    if (problem != null) {
                        reasons.add(problem);
                    } else {
                        dated(r.address().toString(), r.timeOfDay(), r.date(), reasons).ifPresent(out::add);
                    }
                }
                case NmeaSentence.Zda z -> {
                    if (!fixValid) {
                        if (z.timeOfDay() instanceof FieldValue.Present<NmeaTimeOfDay>) {
                            reasons.add(z.address() + " time without a valid fix");
                        }
                    } else {
                        dated(z.address().toString(), z.timeOfDay(), z.date(), reasons).ifPresent(out::add);
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private Optional<Candidate> dated(String by, FieldValue<NmeaTimeOfDay> tod, FieldValue<NmeaDate> date,
                                      List<String> reasons) {
        if (!(tod instanceof FieldValue.Present<NmeaTimeOfDay> t)) {
            if (tod instanceof FieldValue.Empty<NmeaTimeOfDay>) {
                reasons.add(by + " time empty"); // an invalid time is already noted by noteBadFields
            }
            return Optional.empty();
        }
        if (!(date instanceof FieldValue.Present<NmeaDate> d)) {
            reasons.add(by + " date " + date.describe());
            return Optional.empty();
        }
        return switch (resolver.resolve(d.value())) {
            case ResolvedDate.Unresolvable u -> {
                reasons.add(by + ": " + u.reason());
                yield Optional.empty();
            }
            case ResolvedDate.Resolved r -> {
                if (!r.note().isEmpty()) {
                    reasons.add(by + ": " + r.note());
                }
                yield Optional.of(candidate(r.date(), t.value(), by));
            }
        };
    }

    private List<Candidate> carriedDateCandidates(Cycle c, List<String> reasons) {
        List<Candidate> out = new ArrayList<>();
        for (NmeaSentence s : c.sentences) {
            String problem = switch (s) {
                case NmeaSentence.Gga g -> FixJudge.ggaProblem(g);
                case NmeaSentence.Gll g -> FixJudge.gllProblem(g);
                case NmeaSentence.Gns g -> FixJudge.gnsProblem(g);
                default -> "";
            };
            if ("".equals(problem) || !(s.timeOfDay() instanceof FieldValue.Present<NmeaTimeOfDay> t)) {
                continue;
            }
            if (problem != null) {
                reasons.add(problem);
                continue;
            }
            if (knownDate == null) {
                reasons.add(s.address() + " time but no date known yet (no trusted RMC or ZDA so far)");
                continue;
            }
            Candidate k = candidate(knownDate, t.value(), s.address() + "+date of " + knownDate);
            if (k.time().compareTo(knownDateTime) < 0 && knownDateTime.nanosSince(k.time()) > MAX_DATE_CARRY_NANOS) {
                k = candidate(knownDate.plusDays(1), t.value(), s.address() + "+date of " + knownDate + "+1 day");
            }
            long since = k.time().nanosSince(knownDateTime);
            if (Math.abs(since) > MAX_DATE_CARRY_NANOS) {
                reasons.add(s.address() + " time: the last known date (" + knownDate + ") is too old to carry");
                continue;
            }
            out.add(k);
        }
        return out;
    }

    private static Candidate candidate(LocalDate date, NmeaTimeOfDay tod, String by) {
        boolean leap = tod.leapSecond();
        long secondOfDay = tod.hour() * 3600L + tod.minute() * 60L + Math.min(tod.second(), 59);
        long epochSecond = date.toEpochDay() * 86_400L + secondOfDay;
        UtcTime t = new UtcTime(epochSecond * NANOS_PER_SECOND + tod.nanos());
        return new Candidate(t, leap, date, tod, by);
    }

    /** Orders times with 23:59:60 (POSIX 23:59:59 + leap flag) after 23:59:59. */
    private static int order(UtcTime a, boolean aLeap, UtcTime b, boolean bLeap) {
        int order = a.compareTo(b);
        return order != 0 ? order : Boolean.compare(aLeap, bLeap);
    }

    private Set<TimeFlag> flagsAgainstPrevious(Candidate k) {
        Set<TimeFlag> flags = EnumSet.noneOf(TimeFlag.class);
        if (previousTime == null) {
            return flags;
        }
        int order = order(k.time(), k.leap(), previousTime, previousLeap);
        if (order < 0) {
            flags.add(TimeFlag.WENT_BACKWARDS);
        } else if (order == 0) {
            flags.add(TimeFlag.REPEATED);
        } else {
            long gap = k.time().nanosSince(previousTime) + (previousLeap ? -NANOS_PER_SECOND : 0)
                    + (k.leap() ? NANOS_PER_SECOND : 0);
            if (gap > SKIP_THRESHOLD_NANOS) {
                flags.add(TimeFlag.SKIPPED);
            }
        }
        return flags;
    }

    private static void noteBadFields(Cycle c, List<String> reasons) {
        for (NmeaSentence s : c.sentences) {
            if (s.timeOfDay() instanceof FieldValue.Invalid<NmeaTimeOfDay> bad) {
                reasons.add(s.address() + " time " + bad.describe());
            }
            if (s instanceof NmeaSentence.Malformed m) {
                reasons.add(m.address() + ": " + m.reason());
            }
        }
    }

    private EpochTime verdict(Optional<UtcTime> time, boolean leap, List<String> reasons, MonotonicTime arrival) {
        if (time.isEmpty()) {
            return new EpochTime.Refused(reasons.isEmpty() ? "no trusted time" : String.join("; ", reasons), arrival);
        }
        long nanos = Math.floorMod(time.get().epochNanos(), NANOS_PER_SECOND);
        UtcTime second = time.get().plusNanos(-nanos);
        if (nanos > WHOLE_SECOND_TOLERANCE_MILLIS * 1_000_000L
                || lastAssertedSecond != null && order(second, leap, lastAssertedSecond, lastAssertedLeap) <= 0) {
            return new EpochTime.Refused(NOT_ON_WHOLE_SECOND + " (" + time.get() + ")", arrival);
        }
        lastAssertedSecond = second;
        lastAssertedLeap = leap;
        return new EpochTime.Asserted(second, leap, arrival);
    }
}
