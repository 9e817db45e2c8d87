package io.gnomon.cli;

import io.gnomon.adapter.state.LeapSecondFile;
import io.gnomon.discipline.KernelDiscipline;
import io.gnomon.fault.GpsFault;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.sim.KernelRunResult;
import io.gnomon.sim.ReceiverModel;
import io.gnomon.sim.Scenario;
import io.gnomon.sim.ScenarioResult;
import io.gnomon.sim.ScenarioRunner;
import io.gnomon.sim.Scenarios;
import io.gnomon.sim.SimulatedPps;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `gnomon sim-accuracy`: the accuracy figures of docs/ACCURACY.md, in simulated time, deterministic. */
@Command(name = "sim-accuracy", mixinStandardHelpOptions = true,
        description = "Run the simulated accuracy, holdover and labelling scenarios and print their figures.")
public final class SimAccuracyCommand implements Callable<Integer> {

    @Option(names = "--hours", description = "simulated hours for the accuracy and holdover runs (default ${DEFAULT-VALUE})")
    double hours = 24;

    @Option(names = "--leap-seconds", description = "leap-seconds.list (default ${DEFAULT-VALUE})")
    Path leapSeconds = LeapSecondFile.DEFAULT;

    @Option(names = "--nmea-bytes", description = "feed the receiver's NMEA bytes through the real framer and decoder")
    boolean bytes;

    @Option(names = "--clock-discipline", paramLabel = "none|kernel",
            description = "kernel: run the accuracy day and the leap second with the kernel-discipline actuator steering"
                    + " the simulated host clock, and print the host clock's figures too (default ${DEFAULT-VALUE})")
    String clockDiscipline = "none";

    @Option(names = "--initial-kernel-ppm", paramLabel = "PPM",
            description = "with --clock-discipline kernel: the kernel frequency correction found at start (default ${DEFAULT-VALUE})")
    double initialKernelPpm = 12.5;

    @Override
    public Integer call() {
        if (!clockDiscipline.equals("none") && !clockDiscipline.equals("kernel")) {
            System.err.println("sim-accuracy: --clock-discipline is none or kernel, not " + clockDiscipline);
            return 2;
        }
        LeapSecondTable leaps;
        switch (LeapSecondFile.read(leapSeconds)) {
            case LeapSecondTable.Parsed.Table t -> leaps = t.table();
            case LeapSecondTable.Parsed.Rejected r -> {
                System.err.println("sim-accuracy: " + r.reason());
                return 1;
            }
        }
        long span = Math.round(hours * 3600);
        if (clockDiscipline.equals("kernel")) {
            runKernel(Scenarios.accuracy(leaps, span), Math.min(3600, span / 2));
            runKernel(Scenarios.leapSecond(leaps, 1200), 600);
            return 0;
        }
        SimulatedPps.Params clean = SimulatedPps.Params.clean(1_000);
        run(Scenarios.accuracy(leaps, span));
        Scenario cold = Scenarios.accuracy(leaps, 60);
        run(cold);
        run(new Scenario(cold.name() + ", saved frequency", cold.seed(), cold.start(), 60, cold.oscillator(), cold.pps(),
                cold.receiver(), null, null, -1, cold.bootErrorNanos(), Optional.of(30e-6), cold.reference(), leaps, 60, false));
        run(Scenarios.holdover(leaps, 3600, span));
        for (double fraction : new double[] {0.25, 0.5, 5.0 / 6}) { // 6, 12, 20 h locked for a day
            long locked = Math.round(span * fraction);
            Scenario h = Scenarios.holdover(leaps, locked, span);
            run(new Scenario(h.name() + " after " + String.format(java.util.Locale.ROOT, "%.1f", locked / 3600.0)
                    + " h locked", 3, h.start(), h.durationSeconds(),
                    h.oscillator(), h.pps(), h.receiver(), null, null, locked, 0, Optional.empty(), h.reference(), leaps,
                    600, false));
        }
        run(Scenarios.labelling("MTK3339 500 ms", leaps, 3600, ReceiverModel.mtk3339(), null, null, clean));
        run(Scenarios.labelling("u-blox 100 ms", leaps, 3600, ReceiverModel.ublox(), null, null, clean));
        run(Scenarios.labelling("delay drifting 100-500 ms", leaps, 7200, ReceiverModel.mtk3339(), Scenarios.drifting(1800), null, clean));
        run(Scenarios.labelling("spurious (20%/s) and missing (5%) pulses", leaps, 3600, ReceiverModel.mtk3339(), null, null,
                new SimulatedPps.Params(1_000, 0.05, 0.2, SimulatedPps.Stamping.REALTIME)));
        run(Scenarios.labelling("1980 cold start (first 120 s)", leaps, 3600, ReceiverModel.mtk3339(), null,
                n -> n < 120 ? GpsFault.COLD_START_1980 : null, clean));
        run(Scenarios.labelling("week-rollover dates (s 300-400)", leaps, 3600, ReceiverModel.ublox(), null,
                n -> n >= 300 && n < 400 ? GpsFault.WEEK_ROLLOVER : null, clean));
        run(Scenarios.leapSecond(leaps, 1200));
        return 0;
    }

    private void runKernel(Scenario s, long hostJudgedFrom) {
        long t0 = System.nanoTime();
        KernelRunResult r = ScenarioRunner.runWithKernelDiscipline(s.throughNmeaBytes(bytes),
                KernelDiscipline.Settings.defaults(), initialKernelPpm, hostJudgedFrom);
        System.out.printf("%s  [%.1f s wall]%n  %s%n", r.served().summary(), (System.nanoTime() - t0) / 1e9, r.summary());
        r.notes().forEach(n -> System.out.println("  | " + n));
    }

    private void run(Scenario s) {
        long t0 = System.nanoTime();
        ScenarioResult r = ScenarioRunner.run(s.throughNmeaBytes(bytes));
        System.out.printf("%s  [%.1f s wall]%n", r.summary(), (System.nanoTime() - t0) / 1e9);
        if (r.holdoverSamples() > 0) {
            System.out.printf("  worst holdover error %.3f ms; at the end: error %.3f ms, advertised bound %.3f ms%n",
                    r.worstHoldoverErrorSeconds() * 1e3, r.lastHoldoverErrorSeconds() * 1e3, r.lastHoldoverBoundSeconds() * 1e3);
        }
    }
}
