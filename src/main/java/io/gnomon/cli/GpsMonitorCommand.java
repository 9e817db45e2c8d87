package io.gnomon.cli;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.serial.SerialLinkSettings;
import io.gnomon.adapter.serial.SerialLinkState;
import io.gnomon.adapter.serial.SerialReceiverLink;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.status.BuildInfo;
import io.gnomon.status.ReceiverMonitor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gnomon gps-monitor DEVICE}: a live view of a GPS receiver, like gpsd's gpsmon — raw sentences, the decoded
 * time and fix, satellites with SNR, checksum errors by sentence type. Redraws twice a second; {@code --plain}
 * prints one line per event instead (for logs and tests).
 */
@Command(name = "gps-monitor",
        mixinStandardHelpOptions = true,
        description = {"Watch a GPS receiver live: raw NMEA, decoded time and fix, satellites and SNR, checksum",
                "errors by sentence type. Exit 0 when sentences arrived, 1 when the port cannot be opened,",
                "3 when it opened but no sentence arrived."})
public final class GpsMonitorCommand implements Callable<Integer> {
    static final long REDRAW_MILLIS = 500;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DEVICE", description = "Serial device, e.g. /dev/serial0 or /dev/ttyUSB0.")
    private String device;

    @Option(names = "--baud", paramLabel = "N", description = "Baud rate, 8N1. Default: 9600.")
    private int baud = 9600;

    @Option(names = "--plain", description = "One line per event instead of a redrawn screen: '< ' raw sentence,"
            + " '= ' decoded cycle, '! ' framing reject, '# ' link state and summaries.")
    private boolean plain;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds. Default: run until Ctrl-C.")
    private long seconds;

    @Option(names = "--anchor", paramLabel = "YYYY-MM-DD", description = "Date anchor for two-digit years and GPS week"
            + " rollover (a replayed old capture needs its own date). Default: the build date.")
    private java.time.LocalDate anchor;

    @Option(names = "--pps", paramLabel = "SOURCE", description = "Also show PPS edges from /dev/ppsN,"
            + " /sys/class/pps/ppsN or gpiochipN:LINE.")
    private String ppsDevice;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Screen width for the live view. Default: 100.")
    private int width = 100;

    /** One daemon thread reading the PPS source until interrupted; trouble is shown, then retried once a second. */
    private static Thread startPps(io.gnomon.adapter.pps.PpsDeviceName name, ReceiverMonitor monitor,
                                   CountDownLatch stop) {
        return Thread.ofPlatform().daemon().name("gps-monitor-pps").start(() -> {
            try (io.gnomon.pps.PpsSource source = io.gnomon.adapter.pps.PpsSources.open(name, SystemClocks.MONOTONIC)) {
                monitor.pps(source.device() + " (" + source.clockDomain() + " timestamps)");
                String trouble = null;
                while (!Thread.currentThread().isInterrupted() && stop.getCount() > 0) {
                    switch (source.next(java.time.Duration.ofSeconds(1))) {
                        case io.gnomon.pps.PpsReading.Edge e -> {
                            if (trouble != null) {
                                monitor.pps(source.device() + " pulsing again");
                                trouble = null;
                            }
                            monitor.ppsEdge(e.edge().sequence(), stamp(e.edge()));
                        }
                        case io.gnomon.pps.PpsReading.NoEdge n -> { }
                        case io.gnomon.pps.PpsReading.Garbled g -> monitor.pps("garbled reading: " + g.detail());
                        case io.gnomon.pps.PpsReading.Unavailable u -> {
                            String now = u.detail() + ": " + u.fault().words() + " (hint: "
                                    + io.gnomon.adapter.pps.PpsSources.hint(name, u.fault()) + ")";
                            if (!now.equals(trouble)) {
                                monitor.pps(now);
                                trouble = now;
                            }
                            Thread.sleep(1000);
                        }
                    }
                }
            } catch (InterruptedException e) {
                // stopping
            }
        });
    }

    private static String stamp(io.gnomon.pps.PpsEdge e) {
        return switch (e.timestamp()) {
            case io.gnomon.time.RealtimeTime r -> java.time.Instant.ofEpochSecond(0, r.epochNanos()) + " (realtime)";
            case io.gnomon.time.MonotonicTime m -> String.format(java.util.Locale.ROOT, "%.9f s (monotonic)",
                    m.nanos() / 1e9);
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (baud <= 0) {
            throw new ParameterException(spec.commandLine(), "--baud must be a positive number, not " + baud);
        }
        io.gnomon.adapter.pps.PpsDeviceName ppsName = null;
        if (ppsDevice != null) {
            ppsName = io.gnomon.adapter.pps.PpsDeviceName.parse(ppsDevice);
            if (ppsName instanceof io.gnomon.adapter.pps.PpsDeviceName.Invalid invalid) {
                throw new ParameterException(spec.commandLine(), "--pps: " + invalid.reason());
            }
        }
        Object lock = new Object();
        ReceiverMonitor monitor = new ReceiverMonitor(plain ? line -> {
            synchronized (lock) {
                out.println(line);
                out.flush();
            }
        } : null);
        GpsReceiver receiver = GpsReceiver.standard(anchor != null ? anchor : BuildInfo.load().buildDate(),
                monitor);
        AtomicBoolean connected = new AtomicBoolean();
        AtomicReference<SerialLinkState> firstTrouble = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        String title = "gnomon gps-monitor  " + device + " @ " + baud + " baud   (Ctrl-C to quit)";
        Thread hook = new Thread(stop::countDown, "gps-monitor-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (SerialReceiverLink link = SerialReceiverLink.onThisHost(SerialLinkSettings.of(device, baud), receiver,
                state -> {
                    monitor.link(state.describe());
                    if (state instanceof SerialLinkState.Connected) {
                        connected.set(true);
                    } else if (state.isTrouble() && !connected.get()) {
                        firstTrouble.compareAndSet(null, state);
                        stop.countDown();
                    }
                }, SystemClocks.MONOTONIC)) {
            link.start();
            Thread ppsReader = ppsName == null ? null : startPps(ppsName, monitor, stop);
            long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
            while (!stop.await(REDRAW_MILLIS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                if (!plain) {
                    synchronized (lock) {
                        out.print(monitor.render(title, width));
                        out.flush();
                    }
                }
            }
            if (ppsReader != null) {
                ppsReader.interrupt();
                ppsReader.join(3000);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
        SerialLinkState failed = firstTrouble.get();
        if (failed != null) {
            err.println("gnomon gps-monitor: " + failed.describe());
            err.flush();
            return 1;
        }
        synchronized (lock) {
            monitor.summary().forEach(out::println);
            out.flush();
        }
        if (monitor.sentences() == 0) {
            err.println("gnomon gps-monitor: " + device + " opened but no NMEA sentence arrived (wrong baud rate,"
                    + " receiver off, or not wired to this port?)");
            err.flush();
            return 3;
        }
        return 0;
    }
}
