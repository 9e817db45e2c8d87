package io.gnomon.cli;

import io.gnomon.status.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `gnomon <command>`. Each command is a small class in this package. */
@Command(name = "gnomon",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "GPS-disciplined stratum-1 NTP server.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree; tests call this to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // subcommands: one line each
        cl.addSubcommand(new SimAccuracyCommand());
        cl.addSubcommand(new NmeaDecodeCommand());
        cl.addSubcommand(new PpsCheckCommand());
        cl.addSubcommand(new SerialCheckCommand());
        cl.addSubcommand(new SimulateCommand());
        cl.addSubcommand(new CheckConfigCommand());
        cl.addSubcommand(new RunCommand());
        cl.addSubcommand(new StatusCommand());
        cl.addSubcommand(new QueryCommand());
        cl.addSubcommand(new GpsMonitorCommand());
        cl.addSubcommand(new DrillCommand());
        cl.addSubcommand(new ClockCheckCommand());
        cl.setParameterExceptionHandler(Main::usageError);
        return cl;
    }

    /** Usage errors: one line with the reason, exit code 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println(cl.getCommandName() + ": " + e.getMessage() + " (try --help)");
        return 2;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.load();
            return new String[] {"gnomon " + b.version() + " (built " + b.buildDate() + ")"};
        }
    }
}
