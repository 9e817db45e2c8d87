package io.gnomon.cli;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.daemon.Simulation;
import io.gnomon.daemon.StatusHttp;
import io.gnomon.drill.Drill;
import io.gnomon.drill.DrillRunner;
import io.gnomon.drill.DrillSteps;
import io.gnomon.drill.DrillTimeline;
import io.gnomon.drill.Drills;
import io.gnomon.drill.LiveDrill;
import io.gnomon.ntp.LeapIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gnomon drill NAME}: one fault drill in simulated time, printed as the client-visible timeline. Exit 0 when
 * its assertions hold, 1 when one fails, 2 for an unknown name. With {@code --live} the drill's fault schedule runs
 * in real time on the live simulated appliance ({@code gnomon simulate}: real UDP NTP server, status page, metrics),
 * injected at the adapter boundary and announced on every surface while it runs.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Run a fault drill in simulated time and print what an NTP client sees, minute by minute.",
                "With --live: run its faults in real time on the live simulated appliance (NTP, status page, metrics).",
                "Exit status 0: the drill's assertions held (--live: the drill ran to its end); 1: one failed;"
                        + " 2: no such drill, or it cannot run live."})
public final class DrillCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the drill to run (see --list)")
    String name;

    @Option(names = "--list", description = "list the drills and what each asserts")
    boolean list;

    @Option(names = "--seed", paramLabel = "N", description = "another seed for the simulated devices (default: the drill's own)")
    Long seed;

    @Option(names = "--live", description = "run the drill's faults in real time on the live simulated appliance"
            + " (same as gnomon simulate --drill NAME, but ends when the drill ends)")
    boolean live;

    @Option(names = "--speed", paramLabel = "X", description = "--live: run the fault schedule X times faster than"
            + " written (default 1); holdover and locking still take real time, so the client sees a shorter outage")
    double speed = 1;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", converter = SimulateCommand.ListenConverter.class,
            description = "--live: where to answer NTP; repeatable. Default: " + SimulateCommand.DEFAULT_LISTEN + ".")
    List<ListenAddress> listen = new ArrayList<>();

    @Option(names = "--http", paramLabel = "ADDR:PORT", converter = SimulateCommand.ListenConverter.class,
            description = "--live: the status page, status.json and metrics. Default: " + StatusHttp.DEFAULT + ".")
    ListenAddress http;

    @Option(names = "--holdover-limit", paramLabel = "SECONDS",
            description = "--live: error bound past which holdover ends in LI=3. Default: 0.01.")
    double holdoverLimit = 10e-3;

    @Override
    public Integer call() {
        if (list || name == null) {
            for (Drill d : Drills.all()) {
                System.out.printf("%-20s %s%n", d.name(), d.summary());
                d.assertions().forEach(a -> System.out.println("                     - " + a));
                System.out.println("                     live: " + DrillSteps.notLive(d).map(r -> "no, " + r).orElse("yes"));
            }
            return name == null && !list ? 2 : 0;
        }
        Optional<Drill> found = Drills.named(name);
        if (found.isEmpty()) {
            System.err.println("drill: no drill named '" + name + "' (gnomon drill --list shows them)");
            return 2;
        }
        Drill d = found.get();
        if (seed != null) {
            d = d.withSeed(seed);
        }
        if (live) {
            return runLive(d);
        }
        DrillTimeline t = DrillRunner.run(d);
        System.out.print(t.format());
        return t.failures().isEmpty() ? 0 : 1;
    }

    private int runLive(Drill d) {
        Optional<String> why = DrillSteps.notLive(d);
        if (why.isPresent()) {
            System.err.println("drill: " + d.name() + " cannot run live: " + why.get());
            return 2;
        }
        Simulation.Settings settings;
        try {
            LiveDrill.Plan plan = new LiveDrill.Plan(d, speed);
            settings = new Simulation.Settings(listen.isEmpty() ? List.of(ListenAddress.parse(SimulateCommand.DEFAULT_LISTEN))
                    : listen, true, LeapIndicator.NO_WARNING, false, -1, holdoverLimit,
                    io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null,
                    http != null ? new StatusHttp(http, true) : StatusHttp.defaultAddress(),
                    io.gnomon.adapter.udp.linux.SocketPathSettings.standard(), plan);
        } catch (IllegalArgumentException e) {
            System.err.println("drill: " + e.getMessage());
            return 2;
        }
        return runUntilDrillEnds(settings);
    }

    /** Starts the simulation with its drill, waits for the drill's end (or a signal), stops. */
    static int runUntilDrillEnds(Simulation.Settings settings) {
        Simulation simulation;
        try {
            simulation = Simulation.start(settings);
        } catch (ListenException | io.gnomon.adapter.http.HttpListenException e) {
            System.err.println("drill: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(simulation::close, "gnomon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LiveDrill drill = simulation.drill().orElseThrow();
            long limit = Math.round(settings.drill().realSeconds() * 1000) + 5_000;
            return drill.awaitEnd(limit, TimeUnit.MILLISECONDS) ? 0 : 1;
        } catch (InterruptedException e) {
            return 1;
        } finally {
            simulation.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }
}
