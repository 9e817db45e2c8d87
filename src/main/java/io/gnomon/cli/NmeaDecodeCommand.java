package io.gnomon.cli;

import io.gnomon.gps.DateResolver;
import io.gnomon.gps.Epoch;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.gps.ReceiverListener;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.FramingReject;
import io.gnomon.status.BuildInfo;
import io.gnomon.time.MonotonicTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `gnomon nmea-decode`: replays captured receiver output through the real framing, decoding and epoch code. */
@Command(name = "nmea-decode",
        description = {"Decode captured NMEA 0183 receiver output and print the UTC time of each valid epoch.",
            "Prints one ISO-8601 time per valid epoch on stdout, and a summary with counts on stderr."})
public final class NmeaDecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--date-hint", paramLabel = "YYYY-MM-DD",
            description = "Anchor for century and GPS week-rollover resolution: a date not long before the capture "
                    + "was made (default: this build's date).")
    String dateHint;

    @Option(names = "--verbose", description = "Also print rejected byte runs and refused cycles, with reasons (lines start with '#').")
    boolean verbose;

    @Option(names = "--accept-unverified", description = "Accept sentences that carry no checksum at all.")
    boolean acceptUnverified;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files (raw receiver bytes).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate anchor;
        try {
            anchor = dateHint == null ? BuildInfo.load().buildDate() : LocalDate.parse(dateHint);
        } catch (DateTimeParseException e) {
            err.println("nmea-decode: --date-hint '" + dateHint + "' is not a date like 2019-04-07");
            return 2;
        }
        int status = 0;
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println("nmea-decode: cannot read " + file + ": " + e.getMessage());
                status = 1;
                continue;
            }
            GpsReceiver receiver = decode(bytes, anchor, out);
            err.println(summary(file, receiver));
        }
        out.flush();
        err.flush();
        return status;
    }

    private GpsReceiver decode(byte[] bytes, LocalDate anchor, PrintWriter out) {
        FramerConfig config = FramerConfig.defaults().withAcceptUnverified(acceptUnverified);
        GpsReceiver receiver = new GpsReceiver(config, DateResolver.anchoredAt(anchor), new ReceiverListener() {
            @Override
            public void epoch(Epoch e) {
                if (e.valid()) {
                    out.println(e.isoTime() + (verbose ? "  # from " + String.join(" ", e.assertedBy())
                            + (e.flags().isEmpty() ? "" : " " + e.flags()) : ""));
                } else if (verbose) {
                    out.println("# no epoch at " + e.timeOfDay().map(Object::toString).orElse("(no time)") + ": "
                            + String.join("; ", e.reasons()));
                }
            }

            @Override
            public void framingReject(FramingReject r) {
                if (verbose) {
                    out.println("# rejected " + r.reason() + " (" + r.byteCount() + " bytes): " + r.excerpt());
                }
            }
        });
        receiver.accept(bytes, 0, bytes.length, new MonotonicTime(0));
        receiver.endOfInput();
        return receiver;
    }

    static String summary(Path file, GpsReceiver r) {
        var f = r.framingCounters();
        var d = r.decodeCounters();
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(f.verifiedSentences() + f.unverifiedSentences()).append(" sentences (")
                .append(f.unverifiedSentences()).append(" unverified)");
        sb.append("; decoded ").append(join(d.decodedByType()));
        if (!d.unknownByType().isEmpty()) {
            sb.append("; not decoded ").append(join(d.unknownByType()));
        }
        sb.append("; rejected runs ").append(f.totalRejects());
        if (f.totalRejects() > 0) {
            sb.append(" (").append(f.rejectsByReason().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append(")");
        }
        if (!d.malformedByReason().isEmpty()) {
            sb.append("; malformed ").append(join(d.malformedByReason()));
        }
        if (!d.fieldRejectsByReason().isEmpty()) {
            sb.append("; rejected fields ").append(join(d.fieldRejectsByReason()));
        }
        sb.append("; epochs ").append(r.validEpochs()).append(" valid of ").append(r.epochs()).append(" cycles, ")
                .append(r.ppsAssertedEpochs()).append(" on a whole second");
        return sb.toString();
    }

    private static String join(Map<String, Long> m) {
        return m.isEmpty() ? "none" : m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
