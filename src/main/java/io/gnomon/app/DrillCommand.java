package io.gnomon.app;

import io.gnomon.sim.Drill;
import io.gnomon.sim.DrillRunner;
import io.gnomon.sim.DrillTimeline;
import io.gnomon.sim.Drills;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gnomon drill NAME}: one fault drill in simulated time, printed as the client-visible timeline. Exit 0 when
 * its assertions hold, 1 when one fails, 2 for an unknown name. Injection into a live appliance is not done yet.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Run a fault drill in simulated time and print what an NTP client sees, minute by minute.",
                "Exit status 0: the drill's assertions held; 1: one failed; 2: no such drill."})
final class DrillCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the drill to run (see --list)")
    String name;

    @Option(names = "--list", description = "list the drills and what each asserts")
    boolean list;

    @Option(names = "--seed", paramLabel = "N", description = "another seed for the simulated devices (default: the drill's own)")
    Long seed;

    @Override
    public Integer call() {
        if (list || name == null) {
            for (Drill d : Drills.all()) {
                System.out.printf("%-18s %s%n", d.name(), d.summary());
                d.assertions().forEach(a -> System.out.println("                   - " + a));
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
            d = new Drill(d.name(), d.summary(), d.scenario().withSeed(seed), d.ppsPresent(), d.edgeDropped(),
                    d.spuriousPerSecond(), d.nmeaShiftSeconds(), d.checkpointSeconds(), d.assertions(), d.check());
        }
        DrillTimeline t = DrillRunner.run(d);
        System.out.print(t.format());
        return t.failures().isEmpty() ? 0 : 1;
    }
}
