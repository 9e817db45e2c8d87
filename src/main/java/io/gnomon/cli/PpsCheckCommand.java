package io.gnomon.cli;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.pps.PpsDeviceName;
import io.gnomon.adapter.pps.PpsSources;
import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsIntervalStats;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gnomon pps-check DEVICE}: read a PPS source for a while; print edges, intervals, missing/extra, jitter. */
@Command(name = "pps-check", mixinStandardHelpOptions = true,
        description = {"Read a PPS source and print each edge, its interval, and at the end the count,"
                + " missing and extra edges, mean interval and jitter.",
                "Exit code 0 when edges arrived, 1 when the device is unusable or silent."})
public final class PpsCheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DEVICE", description = "/dev/ppsN, /sys/class/pps/ppsN or gpiochipN:LINE")
    String device;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10",
            description = "how long to listen (default: ${DEFAULT-VALUE})")
    int seconds;

    @Spec
    CommandSpec spec;

    private final Function<PpsDeviceName, PpsSource> opener;
    private final MonotonicClock clock;

    public PpsCheckCommand() {
        this(name -> PpsSources.open(name, SystemClocks.MONOTONIC), SystemClocks.MONOTONIC);
    }

    PpsCheckCommand(Function<PpsDeviceName, PpsSource> opener, MonotonicClock clock) {
        this.opener = opener;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seconds < 1) {
            err.println("pps-check: --seconds must be at least 1");
            return 2;
        }
        PpsDeviceName name = PpsDeviceName.parse(device);
        if (name instanceof PpsDeviceName.Invalid invalid) {
            err.println("pps-check: " + invalid.reason());
            return 2;
        }
        PpsIntervalStats stats = new PpsIntervalStats();
        long garbled = 0;
        try (PpsSource source = opener.apply(name)) {
            long deadline = clock.now().nanos() + Duration.ofSeconds(seconds).toNanos();
            boolean first = true;
            while (true) {
                long remaining = deadline - clock.now().nanos();
                if (remaining <= 0) {
                    break;
                }
                PpsReading r = source.next(Duration.ofNanos(Math.min(remaining, 1_500_000_000L)));
                switch (r) {
                    case PpsReading.Edge e -> {
                        if (first) {
                            out.println("pps-check: " + source.device() + " (" + source.clockDomain()
                                    + " timestamps), listening " + seconds + " s");
                            first = false;
                        }
                        out.println(describe(stats.accept(e.edge())));
                        out.flush();
                    }
                    case PpsReading.NoEdge n -> { }
                    case PpsReading.Garbled g -> {
                        garbled++;
                        out.println("garbled reading: " + g.detail());
                    }
                    case PpsReading.Unavailable u -> {
                        err.println("pps-check: " + u.detail() + ": " + u.fault().words()
                                + " — hint: " + PpsSources.hint(name, u.fault()));
                        if (stats.summary().edges() > 0) {
                            out.println(summary(stats.summary(), garbled));
                        }
                        return 1;
                    }
                }
            }
        }
        PpsIntervalStats.Summary s = stats.summary();
        if (s.edges() == 0) {
            err.println("pps-check: " + device + ": no pulses in " + seconds + " s — hint: does the receiver have a"
                    + " fix (most GPS modules send PPS only with one)? is the PPS wire on the pin the device uses?"
                    + (garbled > 0 ? " (" + garbled + " garbled readings)" : ""));
            return 1;
        }
        out.println(summary(s, garbled));
        return 0;
    }

    static String describe(PpsIntervalStats.Step step) {
        PpsEdge e = step.edge();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "#%-10d %s", e.sequence(), stamp(e)));
        switch (step.kind()) {
            case FIRST -> b.append("  first edge");
            case ONE_SECOND -> b.append("  interval ").append(seconds(step.intervalNanos()))
                    .append(String.format(Locale.ROOT, " (%+d ns)", step.intervalNanos() - PpsIntervalStats.SECOND_NANOS));
            case AFTER_GAP -> b.append("  interval ").append(seconds(step.intervalNanos()))
                    .append("  ").append(step.missing()).append(" missing before this edge");
            case EXTRA -> b.append("  interval ").append(seconds(step.intervalNanos()))
                    .append("  extra edge (not a whole second after the last good one)");
            case OTHER_DOMAIN -> b.append("  ignored: another clock domain than the first edge");
        }
        if (step.sequenceSkipped() > 0) {
            b.append("  (sequence skipped ").append(step.sequenceSkipped()).append(")");
        }
        return b.toString();
    }

    static String summary(PpsIntervalStats.Summary s, long garbled) {
        StringBuilder b = new StringBuilder();
        b.append("edges ").append(s.edges())
                .append(", one-second intervals ").append(s.oneSecondIntervals())
                .append(", missing ").append(s.missing())
                .append(", extra ").append(s.extra())
                .append(", sequence skipped ").append(s.sequenceSkipped());
        if (s.sequenceResets() > 0) {
            b.append(", sequence resets ").append(s.sequenceResets());
        }
        if (garbled > 0) {
            b.append(", garbled ").append(garbled);
        }
        b.append(", mean interval ").append(Double.isNaN(s.meanIntervalNanos()) ? "n/a"
                : String.format(Locale.ROOT, "%.9f s", s.meanIntervalNanos() / 1e9));
        b.append(", jitter ").append(Double.isNaN(s.jitterNanos()) ? "n/a (needs 2 intervals)"
                : String.format(Locale.ROOT, "%.3f µs", s.jitterNanos() / 1e3));
        return b.toString();
    }

    private static String stamp(PpsEdge e) {
        return switch (e.timestamp()) {
            case RealtimeTime r -> secondsSinceZero(r.epochNanos()) + " realtime";
            case MonotonicTime m -> secondsSinceZero(m.nanos()) + " monotonic";
        };
    }

    private static String secondsSinceZero(long nanos) {
        return String.format(Locale.ROOT, "%d.%09d", Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }

    private static String seconds(long nanos) {
        return secondsSinceZero(nanos) + " s";
    }
}
