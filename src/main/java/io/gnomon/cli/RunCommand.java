package io.gnomon.cli;

import io.gnomon.adapter.clock.LinuxKernelClock;
import io.gnomon.adapter.clock.ProcessCapabilities;
import io.gnomon.adapter.state.ConfigFile;
import io.gnomon.adapter.systemd.SystemdNotifier;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.config.ClockDiscipline;
import io.gnomon.config.ConfigError;
import io.gnomon.config.ConfigResult;
import io.gnomon.config.GnomonConfig;
import io.gnomon.config.ListenSetting;
import io.gnomon.config.ReferenceKind;
import io.gnomon.daemon.Appliance;
import io.gnomon.daemon.RunningServer;
import io.gnomon.daemon.Simulation;
import io.gnomon.daemon.StatusHttp;
import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.drill.LiveDrill;
import io.gnomon.ntp.LeapIndicator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gnomon run --config FILE}: what the service starts. Reads and checks the configuration, starts the server
 * with the configured reference, tells systemd it is ready once the sockets are bound, and runs until SIGTERM.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run the NTP server as configured (what gnomon.service starts). Runs until SIGTERM.",
                "Exit status: 78 configuration error, 69 configured feature not available (in this build or on this",
                "host, e.g. clock-discipline kernel without CAP_SYS_TIME), 1 could not start (e.g. the address is in use)."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("gnomon");

    /** sysexits.h EX_CONFIG: the unit's RestartPreventExitStatus= stops systemd from retrying a broken file. */
    static final int EXIT_CONFIG = 78;
    /** sysexits.h EX_UNAVAILABLE: the configuration asks for something this build does not do yet. */
    static final int EXIT_UNAVAILABLE = 69;

    /** How {@code clock-discipline kernel} gets its clock: {@link LinuxKernelClock#open()}, or a test's own. */
    @FunctionalInterface
    interface KernelClockOpener {
        KernelClock open() throws KernelClockException;
    }

    private final KernelClockOpener kernelClocks;

    RunCommand() {
        this(() -> openOnThisHost(LinuxKernelClock::open, ProcessCapabilities.ofSelf(Path.of("/proc"))));
    }

    /**
     * Binds the kernel clock, then refuses up front when this process visibly lacks CAP_SYS_TIME (reading the clock
     * needs none, so the binding alone would not notice until the first adjustment). Unknown capabilities: go on,
     * and a refused adjustment is logged each time it changes.
     */
    static KernelClock openOnThisHost(KernelClockOpener open, Optional<ProcessCapabilities> capabilities)
            throws KernelClockException {
        KernelClock clock = open.open();
        if (capabilities.isPresent() && !capabilities.get().has(ProcessCapabilities.CAP_SYS_TIME)) {
            throw new KernelClockException("this process does not have CAP_SYS_TIME", 1);
        }
        return clock;
    }

    RunCommand(KernelClockOpener kernelClocks) {
        this.kernelClocks = kernelClocks;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "the configuration file, e.g. /etc/gnomon/gnomon.conf")
    private Path config;

    @Option(names = "--drill", paramLabel = "NAME",
            description = "Run this input-removing fault drill (pps-loss, both-lost, serial-unplugged) on the real"
                    + " devices, announced on every surface while it runs; other drills are refused.")
    private String drill;

    @Option(names = "--drill-speed", paramLabel = "X", description = "Run the drill's fault schedule X times faster.")
    private double drillSpeed = 1;

    /** The drill asked for, checked before anything starts; null when none. */
    private LiveDrill.Plan drillPlan() {
        if (drill == null) {
            return null;
        }
        io.gnomon.drill.Drill d = io.gnomon.drill.Drills.named(drill).orElseThrow(() -> new IllegalArgumentException(
                "no drill named '" + drill + "' (gnomon drill --list shows them)"));
        Appliance.notOnRealDevices(d).ifPresent(why -> {
            throw new IllegalArgumentException("drill " + drill + " cannot run on real devices: " + why);
        });
        return new LiveDrill.Plan(d, drillSpeed);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LiveDrill.Plan plan;
        try {
            plan = drillPlan();
        } catch (IllegalArgumentException e) {
            err.println("gnomon run: " + e.getMessage());
            err.flush();
            return 2;
        }
        GnomonConfig c;
        try {
            switch (ConfigFile.load(config)) {
                case ConfigResult.Valid v -> c = v.config();
                case ConfigResult.Invalid i -> {
                    for (ConfigError e : i.errors()) {
                        err.println(e);
                    }
                    err.println("gnomon run: " + i.errors().size() + " configuration error"
                            + (i.errors().size() == 1 ? "" : "s") + "; check with: gnomon check-config " + config);
                    err.flush();
                    return EXIT_CONFIG;
                }
            }
        } catch (ConfigFile.Unreadable e) {
            err.println("gnomon run: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        if (plan != null && c.reference() != ReferenceKind.GPS) {
            err.println("gnomon run: --drill needs 'reference gps' (use gnomon simulate --drill for the simulation)");
            err.flush();
            return 2;
        }
        Optional<KernelClock> kernel = Optional.empty();
        if (c.clockDiscipline() == ClockDiscipline.KERNEL) {
            if (c.reference() != ReferenceKind.GPS) {
                err.println("gnomon run: clock-discipline kernel needs reference gps (a simulated reference would steer"
                        + " this host's clock to itself); set clock-discipline none");
                err.flush();
                return EXIT_CONFIG;
            }
            try {
                kernel = Optional.of(kernelClocks.open());
            } catch (KernelClockException e) {
                err.println("gnomon run: clock-discipline kernel is not available: " + e.getMessage() + "; "
                        + kernelFix(e));
                err.flush();
                return EXIT_UNAVAILABLE;
            }
        }
        return serve(c, kernel, err, plan);
    }

    /** What to do about a kernel clock that cannot be had, in words for the operator. */
    static String kernelFix(KernelClockException e) {
        return e.errno() == 1 // EPERM
                ? "give the service CAP_SYS_TIME (the drop-in /usr/share/gnomon/systemd/kernel-discipline.conf) or set"
                        + " clock-discipline none"
                : "set clock-discipline none (served time is the same; only the host clock is left alone)";
    }

    private int serve(GnomonConfig c, Optional<KernelClock> kernel, PrintWriter err, LiveDrill.Plan plan) {
        RunningServer server;
        String reference;
        try {
            if (c.reference() == ReferenceKind.GPS) {
                Appliance.Tuning tuning = Appliance.Tuning.defaults().withHoldoverLimit(c.holdoverLimitSeconds());
                Appliance appliance = Appliance.start(c, udpAddresses(c.listen()),
                        kernel.map(tuning::withKernelClock).orElse(tuning), statusHttp(c));
                if (plan != null) {
                    appliance.startDrill(plan);
                }
                server = appliance;
                reference = "GPS " + c.serialDevice().orElse("?") + ", pps " + c.pps().directiveArguments()
                        + (kernel.isPresent() ? ", steering the host clock (clock-discipline kernel)" : "");
            } else {
                server = Simulation.start(new Simulation.Settings(udpAddresses(c.listen()), true,
                        LeapIndicator.NO_WARNING, true, -1, c.holdoverLimitSeconds(),
                        io.gnomon.adapter.state.LeapSecondFile.DEFAULT, null, statusHttp(c)));
                reference = "simulated reference";
            }
        } catch (ListenException | io.gnomon.adapter.http.HttpListenException e) {
            err.println("gnomon run: " + e.getMessage());
            err.flush();
            return 1;
        }
        String where = server.listening().stream().map(ListenAddress::toString).collect(Collectors.joining(", "));
        log.info("gnomon run: serving NTP on {} ({}; configuration {})", where, reference, config);
        Optional<SystemdNotifier> systemd = SystemdNotifier.fromEnvironment(System.getenv("NOTIFY_SOCKET"));
        systemd.ifPresent(n -> tell(n, "READY=1\nSTATUS=serving NTP on " + where + " (" + reference + ")"));
        Thread hook = new Thread(() -> {
            systemd.ifPresent(n -> tell(n, "STOPPING=1"));
            server.close();
        }, "gnomon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exitCode = 0;
        try {
            Optional<Throwable> died = server.awaitStopRequest();
            if (died.isPresent()) {
                err.println("gnomon run: stopping, a receive loop died: " + died.get());
                err.flush();
                exitCode = 1; // Restart=on-failure brings the service back
            }
        } catch (InterruptedException e) {
            // in-process callers stop us by interrupting this thread
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        return exitCode;
    }

    /** The configured HTTP status address; a taken default port is a warning, a taken configured one an error. */
    static StatusHttp statusHttp(GnomonConfig c) {
        return c.http().map(h -> new StatusHttp(new ListenAddress(InetAddress.ofLiteral(h.address()), h.port()),
                !c.origin("http").equals("default"))).orElse(StatusHttp.NONE);
    }

    public static List<ListenAddress> udpAddresses(List<ListenSetting> listen) {
        return listen.stream().map(l -> new ListenAddress(InetAddress.ofLiteral(l.address()), l.port())).toList();
    }

    private static void tell(SystemdNotifier n, String state) {
        try {
            n.send(state);
        } catch (IOException e) {
            log.warn("could not notify systemd: {}", e.getMessage());
        }
    }
}
