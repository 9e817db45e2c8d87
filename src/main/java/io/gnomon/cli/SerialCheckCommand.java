package io.gnomon.cli;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.serial.BaudDetector;
import io.gnomon.adapter.serial.BaudProbe;
import io.gnomon.adapter.serial.JSerialCommOpener;
import io.gnomon.adapter.serial.NmeaChecksumTally;
import io.gnomon.adapter.serial.PortHolders;
import io.gnomon.adapter.serial.SerialLinkSettings;
import io.gnomon.adapter.serial.SerialLinkState;
import io.gnomon.adapter.serial.SerialReceiverLink;
import io.gnomon.nmea.SerialByteSink;
import io.gnomon.time.MonotonicTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gnomon serial-check DEVICE [--baud N | --detect] [--seconds S]}: is the receiver there and talking?
 * Opens the port the way the appliance does, prints link state changes and every raw line for a while, then
 * counts bytes and lines. Exit 0: lines arrived; 1: the port is missing, busy or unusable (or the baud rate
 * could not be detected); 3: the port opened but no line arrived.
 */
@Command(name = "serial-check",
        mixinStandardHelpOptions = true,
        description = "Open the GPS receiver's serial port, print link state changes and the raw NMEA lines for a "
                + "few seconds, count bytes and lines.")
public final class SerialCheckCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "serial device, e.g. /dev/serial0 or /dev/ttyUSB0")
    String device;

    @ArgGroup(exclusive = true)
    Rate rate = new Rate();

    static final class Rate {
        @Option(names = "--baud", paramLabel = "N", description = "baud rate, 8N1 (default 9600)")
        int baud = 9600;

        @Option(names = "--detect", description = "find the baud rate: listen at 9600, 4800, 38400, 115200, "
                + "57600 and 19200 until NMEA with valid checksums appears")
        boolean detect;
    }

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "how long to listen (default ${DEFAULT-VALUE})")
    int seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rate.baud <= 0) {
            throw new ParameterException(spec.commandLine(), "--baud must be a positive number, not " + rate.baud);
        }
        if (seconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--seconds must be at least 1, not " + seconds);
        }
        int baud = rate.baud;
        if (rate.detect) {
            Integer detected = detect(out, err);
            if (detected == null) {
                return 1;
            }
            baud = detected;
        }

        CountDownLatch trouble = new CountDownLatch(1);
        AtomicBoolean connected = new AtomicBoolean();
        AtomicReference<SerialLinkState> firstTrouble = new AtomicReference<>();
        LineEcho echo = new LineEcho(out);
        // a diagnostic of what arrives at this rate: the link must not go looking for another one meanwhile
        SerialLinkSettings settings = SerialLinkSettings.of(device, baud).withWrongRateWindow(Duration.ZERO);
        try (SerialReceiverLink link = SerialReceiverLink.onThisHost(settings, echo, state -> {
            synchronized (out) {
                out.println("# " + state.describe());
                out.flush();
            }
            if (state instanceof SerialLinkState.Connected) {
                connected.set(true);
            } else if (state.isTrouble() && !connected.get()) {
                firstTrouble.compareAndSet(null, state);
                trouble.countDown();
            }
        }, SystemClocks.MONOTONIC)) {
            link.start();
            trouble.await(seconds, TimeUnit.SECONDS);
        }
        SerialLinkState failed = firstTrouble.get();
        if (failed != null) {
            err.println("serial-check: " + failed.describe());
            err.flush();
            return 1;
        }
        LineEcho.Counts c = echo.counts();
        synchronized (out) {
            out.printf("# %d bytes, %d lines (%d with a valid NMEA checksum) in %d s at %d baud%n",
                    c.bytes(), c.lines(), c.valid(), seconds, baud);
            out.flush();
        }
        if (c.lines() == 0) {
            err.println("serial-check: " + device + " opened but no line arrived in " + seconds + " s"
                    + (c.bytes() > 0 ? " (" + c.bytes() + " bytes without a line end: wrong baud rate?)"
                    : " (receiver off or not wired to this port?)"));
            err.flush();
            return 3;
        }
        return 0;
    }

    private Integer detect(PrintWriter out, PrintWriter err) {
        BaudProbe probe = new BaudProbe(new JSerialCommOpener(), SystemClocks.MONOTONIC, Duration.ofMillis(2500));
        return switch (probe.probe(device, BaudDetector.CANDIDATES)) {
            case BaudProbe.CannotOpen c -> {
                err.println("serial-check: " + c.failure().toState(device, PortHolders.ofThisHost()::holding)
                        .describe());
                err.flush();
                yield null;
            }
            case BaudProbe.Decided d -> switch (d.decision()) {
                case BaudDetector.Detected found -> {
                    out.println("# detected " + found.baud() + " baud (" + found.evidence() + ")");
                    out.flush();
                    yield found.baud();
                }
                case BaudDetector.Undetected u -> {
                    err.println("serial-check: baud rate of " + device + " not detected: " + u.reason() + " ("
                            + u.evidence() + ")");
                    err.flush();
                    yield null;
                }
            };
        };
    }

    /** Prints each received line (CR LF removed, other control bytes as \xHH) and counts. Read thread only. */
    static final class LineEcho implements SerialByteSink {
        record Counts(long bytes, long lines, long valid) {}

        private static final int MAX_LINE = 1024;
        private final PrintWriter out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long bytes;
        private long lines;
        private long valid;

        LineEcho(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(byte[] data, int offset, int length, MonotonicTime arrival) {
            bytes += length;
            for (int i = offset; i < offset + length; i++) {
                byte b = data[i];
                if (b == '\n' || line.size() >= MAX_LINE) {
                    endLine();
                } else if (b != '\r') {
                    line.write(b);
                }
            }
        }

        private void endLine() {
            byte[] l = line.toByteArray();
            line.reset();
            lines++;
            valid += NmeaChecksumTally.of(l, 0, l.length).valid();
            StringBuilder sb = new StringBuilder(l.length);
            for (byte b : l) {
                int c = b & 0xff;
                if (c >= 0x20 && c < 0x7f) {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02X", c));
                }
            }
            synchronized (out) {
                out.println(sb);
                out.flush();
            }
        }

        synchronized Counts counts() {
            return new Counts(bytes, lines, valid);
        }
    }
}
