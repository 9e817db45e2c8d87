package io.gnomon.cli;

import io.gnomon.adapter.clock.LinuxKernelClock;
import io.gnomon.adapter.clock.ProcessCapabilities;
import io.gnomon.adapter.clock.TimeDaemonScan;
import io.gnomon.adapter.clock.TimeDaemonScan.TimeDaemon;
import io.gnomon.discipline.KernelClock;
import io.gnomon.discipline.KernelClockException;
import io.gnomon.discipline.KernelClockState;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gnomon clock-check}: would {@code clock-discipline kernel} work on this host? Reads the kernel clock
 * (clock_adjtime with modes 0: no privilege, changes nothing), this process's capabilities and the other time
 * daemons, and ends with a verdict. Exit 0 when it would work, 1 when it would fail.
 */
@Command(name = "clock-check", mixinStandardHelpOptions = true,
        description = {"Show the kernel clock's state (clock_adjtime, read only), whether this process has"
                + " CAP_SYS_TIME, and which other time daemons would fight a kernel discipline; end with a verdict.",
                "Changes nothing. Exit code 0 when `clock-discipline kernel` would work, 1 when it would fail."})
public final class ClockCheckCommand implements Callable<Integer> {

    /** Opens the kernel clock (LinuxKernelClock.open in production). */
    @FunctionalInterface
    interface Opener {
        KernelClock open() throws KernelClockException;
    }

    static final Path DROP_IN = Path.of("systemd/system/gnomon.service.d/kernel-discipline.conf");

    @Spec
    CommandSpec spec;

    private final Path procRoot;
    private final Path etcRoot;
    private final Opener opener;

    public ClockCheckCommand() {
        this(Path.of("/proc"), Path.of("/etc"), LinuxKernelClock::open);
    }

    ClockCheckCommand(Path procRoot, Path etcRoot, Opener opener) {
        this.procRoot = procRoot;
        this.etcRoot = etcRoot;
        this.opener = opener;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();

        try {
            KernelClock clock = opener.open();
            KernelClockState s = clock.read();
            String via = clock instanceof LinuxKernelClock linux ? " via " + linux.callDescription() : "";
            out.println("kernel clock (CLOCK_REALTIME, read only" + via + "):");
            describe(s, out);
        } catch (KernelClockException e) {
            out.println("kernel clock: cannot read: " + e.getMessage());
            problems.add("the kernel clock cannot be read (" + e.getMessage() + ")");
        }

        Optional<ProcessCapabilities> caps = ProcessCapabilities.ofSelf(procRoot);
        if (caps.isEmpty()) {
            out.println("CAP_SYS_TIME: unknown (no CapEff line in " + procRoot.resolve("self/status") + ")");
            problems.add("cannot tell whether this process has CAP_SYS_TIME");
        } else if (caps.get().has(ProcessCapabilities.CAP_SYS_TIME)) {
            out.println("CAP_SYS_TIME: this process has it (CapEff " + hex(caps.get()) + ")");
        } else {
            out.println("CAP_SYS_TIME: this process lacks it (CapEff " + hex(caps.get()) + ")");
            problems.add("no CAP_SYS_TIME (the service gets it from the kernel-discipline drop-in, docs/APPLIANCE.md)");
        }
        Path dropIn = etcRoot.resolve(DROP_IN);
        out.println("kernel-discipline drop-in: " + (Files.exists(dropIn) ? "installed (" : "not installed (") + dropIn
                + ")");

        List<TimeDaemon> daemons = TimeDaemonScan.scan(procRoot);
        if (daemons.isEmpty()) {
            out.println("other time daemons: none running");
        } else {
            out.println("other time daemons:");
            for (TimeDaemon d : daemons) {
                out.println("  " + d.name() + " (pid " + d.pid() + ") "
                        + (d.steersClock() ? "steers the clock" : "does not steer the clock (" + d.note() + ")"));
                if (d.steersClock()) {
                    problems.add(d.name() + " (pid " + d.pid() + ") also steers the clock");
                }
            }
        }

        if (problems.isEmpty()) {
            out.println("verdict: clock-discipline kernel would work");
            return 0;
        }
        out.println("verdict: clock-discipline kernel would fail: " + String.join("; ", problems));
        return 1;
    }

    private static void describe(KernelClockState s, PrintWriter out) {
        out.println("  clock state    " + clockState(s.clockState()));
        out.println("  synchronised   " + (s.unsynchronised() ? "no (STA_UNSYNC set)" : "yes (STA_UNSYNC clear)"));
        out.println("  frequency      " + String.format(Locale.ROOT, "%+.3f ppm", s.frequencyPpm()));
        out.println("  tick           " + s.tickMicros() + " µs"
                + (s.tickMicros() > 0 ? " (" + Math.round(1_000_000.0 / s.tickMicros()) + " Hz USER_HZ)" : ""));
        out.println("  maxerror       " + micros(s.maxErrorMicros()));
        out.println("  esterror       " + micros(s.estErrorMicros()));
        out.println("  leap pending   " + switch (s.leap()) {
            case NONE -> "none";
            case INSERT -> "insert a second at the next UTC midnight (STA_INS)";
            case DELETE -> "delete a second at the next UTC midnight (STA_DEL)";
        });
        out.println("  TAI offset     " + s.taiOffsetSeconds() + " s" + (s.taiOffsetSeconds() == 0 ? " (not set)" : ""));
        out.println("  status         " + String.format(Locale.ROOT, "0x%04x", s.status()) + statusWords(s.status()));
    }

    static String clockState(int state) {
        return switch (state) {
            case 0 -> "TIME_OK (synchronised, no leap second pending)";
            case 1 -> "TIME_INS (a leap second will be inserted at midnight)";
            case 2 -> "TIME_DEL (a leap second will be deleted at midnight)";
            case 3 -> "TIME_OOP (leap second in progress)";
            case 4 -> "TIME_WAIT (a leap second has just occurred)";
            case 5 -> "TIME_ERROR (clock not synchronised)";
            default -> "unknown (" + state + ")";
        };
    }

    private static final String[] STATUS_NAMES = {"STA_PLL", "STA_PPSFREQ", "STA_PPSTIME", "STA_FLL", "STA_INS",
            "STA_DEL", "STA_UNSYNC", "STA_FREQHOLD", "STA_PPSSIGNAL", "STA_PPSJITTER", "STA_PPSWANDER", "STA_PPSERROR",
            "STA_CLOCKERR", "STA_NANO", "STA_MODE", "STA_CLK"};

    static String statusWords(int status) {
        StringBuilder b = new StringBuilder();
        for (int bit = 0; bit < STATUS_NAMES.length; bit++) {
            if ((status & (1 << bit)) != 0) {
                b.append(' ').append(STATUS_NAMES[bit]);
            }
        }
        if ((status & 1) != 0) {
            b.append(" (kernel PLL on: another daemon's discipline, or left behind by one)");
        }
        return b.toString();
    }

    private static String micros(long us) {
        return us + " µs (" + String.format(Locale.ROOT, "%.6f", us / 1e6) + " s)";
    }

    private static String hex(ProcessCapabilities c) {
        return String.format(Locale.ROOT, "%016x", c.effective());
    }
}
