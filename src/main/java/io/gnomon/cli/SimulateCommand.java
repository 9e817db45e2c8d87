package io.gnomon.cli;

import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.daemon.Simulation;
import io.gnomon.daemon.StatusHttp;
import io.gnomon.drill.LiveDrill;
import io.gnomon.ntp.LeapIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gnomon simulate}: the whole server on this machine, with a simulated reference clock. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {"Run the NTP server with a simulated reference (follows this host's clock, refid SIM).",
                "Runs until SIGTERM or SIGINT (Ctrl-C)."})
public final class SimulateCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "127.0.0.1:12300";

    @Spec
    private CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", converter = ListenConverter.class,
            description = "Address and UDP port to answer NTP on; repeatable; IPv6 as [::1]:12300."
                    + " Default: " + DEFAULT_LISTEN + ".")
    private List<ListenAddress> listen = new ArrayList<>();

    @Option(names = "--unsynchronised",
            description = "Start not synchronised: replies carry leap indicator 3, so clients refuse them.")
    private boolean unsynchronised;

    @Option(names = "--leap", paramLabel = "insert|delete", converter = LeapConverter.class,
            description = "Announce a leap second at the end of the current UTC day.")
    private LeapIndicator leap = LeapIndicator.NO_WARNING;

    @Option(names = "--http", paramLabel = "ADDR:PORT", converter = ListenConverter.class,
            description = "Address and TCP port of the status page, status.json and metrics. Default: "
                    + StatusHttp.DEFAULT + " (loopback only; skipped with a warning when that port is taken).")
    private ListenAddress http;

    @Option(names = "--no-http", description = "Do not serve the HTTP status surface.")
    private boolean noHttp;

    @Option(names = "--host-following",
            description = "Use the old host-following reference instead of the simulated GPS and PPS"
                    + " (implied by --unsynchronised and --leap).")
    private boolean hostFollowing;

    @Option(names = "--gps-unplugged-after", paramLabel = "SECONDS",
            description = "Unplug the simulated GPS (PPS and serial) after this many seconds.")
    private long gpsUnpluggedAfter = -1;

    @Option(names = "--holdover-limit", paramLabel = "SECONDS",
            description = "Error bound past which holdover ends in 'unsynchronised' (leap indicator 3). Default: 0.01.")
    private double holdoverLimit = 10e-3;

    @Option(names = "--leap-seconds", paramLabel = "FILE",
            description = "leap-seconds.list. Default: /usr/share/zoneinfo/leap-seconds.list.")
    private java.nio.file.Path leapSeconds = io.gnomon.adapter.state.LeapSecondFile.DEFAULT;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "Keep the clock's frequency here across restarts (read at start, written at stop).")
    private java.nio.file.Path stateFile;

    @Option(names = "--drill", paramLabel = "NAME",
            description = "Run this fault drill (gnomon drill --list) in real time on the simulated devices, announced on"
                    + " every surface; the server keeps running after it ends.")
    private String drill;

    @Option(names = "--drill-speed", paramLabel = "X",
            description = "Run the drill's fault schedule X times faster than written (default 1).")
    private double drillSpeed = 1;

    @CommandLine.Mixin
    private SocketOptions socket = new SocketOptions();

    /** The drill asked for, or null; a drill that does not exist or cannot run live is a usage error. */
    private LiveDrill.Plan drillPlan() {
        if (drill == null) {
            return null;
        }
        io.gnomon.drill.Drill d = io.gnomon.drill.Drills.named(drill).orElseThrow(() -> new IllegalArgumentException(
                "no drill named '" + drill + "' (gnomon drill --list shows them)"));
        io.gnomon.drill.DrillSteps.notLive(d).ifPresent(why -> {
            throw new IllegalArgumentException("drill " + drill + " cannot run live: " + why);
        });
        return new LiveDrill.Plan(d, drillSpeed);
    }

    @Override
    public Integer call() {
        List<ListenAddress> addresses = listen.isEmpty() ? List.of(ListenAddress.parse(DEFAULT_LISTEN)) : listen;
        Simulation simulation;
        try {
            StatusHttp where = noHttp ? StatusHttp.NONE
                    : http != null ? new StatusHttp(http, true) : StatusHttp.defaultAddress();
            simulation = Simulation.start(new Simulation.Settings(addresses, !unsynchronised, leap,
                    hostFollowing || unsynchronised || leap != LeapIndicator.NO_WARNING, gpsUnpluggedAfter,
                    holdoverLimit, leapSeconds, stateFile, where, socket.settings(), drillPlan()));
        } catch (ListenException | io.gnomon.adapter.http.HttpListenException e) {
            spec.commandLine().getErr().println("gnomon simulate: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        } catch (IllegalArgumentException e) { // a socket option out of range
            spec.commandLine().getErr().println("gnomon simulate: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        Thread hook = new Thread(simulation::close, "gnomon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exitCode = 0;
        try {
            Optional<Throwable> died = simulation.awaitStopRequest();
            if (died.isPresent()) {
                spec.commandLine().getErr().println("gnomon simulate: stopping, a receive loop died: " + died.get());
                spec.commandLine().getErr().flush();
                exitCode = 1;
            }
        } catch (InterruptedException e) {
            // in-process callers stop us by interrupting this thread
        } finally {
            simulation.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it closed the simulation
            }
        }
        return exitCode;
    }

    static final class ListenConverter implements CommandLine.ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LeapConverter implements CommandLine.ITypeConverter<LeapIndicator> {
        @Override
        public LeapIndicator convert(String value) {
            return switch (value) {
                case "insert" -> LeapIndicator.INSERT_SECOND;
                case "delete" -> LeapIndicator.DELETE_SECOND;
                default -> throw new CommandLine.TypeConversionException(
                        "'" + value + "': expected insert or delete");
            };
        }
    }
}
