package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.pps.SysfsAssertLine;
import io.gnomon.time.MonotonicClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Kernel PPS without ioctl: polls {@code /sys/class/pps/ppsN/assert} ({@code <secs>.<nsec>#<seq>}). The timestamp is
 * still the kernel's interrupt-time CLOCK_REALTIME stamp, so polling adds latency but no timing error.
 *
 * <p>Each sample is read twice and used only when both reads agree (a pulse between them would tear the value); an
 * unchanged sequence number is not a new edge. The first sample seen is only the baseline — it may be an edge from
 * long ago — so the first edge reported is the first one that happens while polling. The file is world-readable
 * (sysfs attribute mode 0444), so this path works when /dev/ppsN is not accessible.
 */
public final class SysfsPpsSource implements PpsSource {

    /** Reads the whole assert file; a seam so tests can script torn reads. */
    @FunctionalInterface
    interface AssertFile {
        String read() throws IOException;
    }

    /** Attempts at two agreeing reads before giving up on this poll. */
    private static final int READ_ATTEMPTS = 4;

    private final String device;
    private final AssertFile file;
    private final MonotonicClock clock;
    private final Duration pollInterval;
    private volatile boolean closed;
    private long lastSequence = -1;
    private String lastGarbled;

    /** @param dir the PPS device's sysfs directory, e.g. {@code /sys/class/pps/pps0} */
    public SysfsPpsSource(Path dir, MonotonicClock clock, Duration pollInterval) {
        this(dir.toString(), () -> Files.readString(dir.resolve("assert"), StandardCharsets.US_ASCII), clock, pollInterval);
    }

    SysfsPpsSource(String device, AssertFile file, MonotonicClock clock, Duration pollInterval) {
        this.device = device;
        this.file = file;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public String clockDomain() {
        return "CLOCK_REALTIME";
    }

    @Override
    public PpsReading next(Duration timeout) throws InterruptedException {
        long deadline = clock.now().nanos() + timeout.toNanos();
        while (true) {
            if (closed) {
                return new PpsReading.Unavailable(PpsFault.CLOSED, device);
            }
            PpsReading r = poll();
            if (r != null) {
                return r;
            }
            long remaining = deadline - clock.now().nanos();
            if (remaining <= 0) {
                return new PpsReading.NoEdge();
            }
            Thread.sleep(Duration.ofNanos(Math.min(remaining, pollInterval.toNanos())));
        }
    }

    /** One poll: a reading to return, or null to keep polling. */
    private PpsReading poll() {
        String text;
        try {
            text = readSteady();
        } catch (NoSuchFileException e) {
            lastSequence = -1;
            return new PpsReading.Unavailable(PpsFault.NO_DEVICE, device + ": no " + e.getFile());
        } catch (AccessDeniedException e) {
            return new PpsReading.Unavailable(PpsFault.PERMISSION_DENIED, device + ": cannot read " + e.getFile());
        } catch (IOException e) {
            return new PpsReading.Unavailable(PpsFault.DEVICE_ERROR, device + ": " + e);
        }
        if (text == null) {
            return null; // kept changing under us: try again on the next poll
        }
        return switch (SysfsAssertLine.parse(text)) {
            case SysfsAssertLine.Empty e -> new PpsReading.Unavailable(PpsFault.NO_ASSERT_CAPTURE,
                    device + ": assert file is empty (device does not capture assert edges)");
            case SysfsAssertLine.Malformed m -> {
                if (text.equals(lastGarbled)) {
                    yield null; // reported once already
                }
                lastGarbled = text;
                yield new PpsReading.Garbled(device + ": " + m.reason());
            }
            case SysfsAssertLine.Sample s -> edgeIfNew(s);
        };
    }

    private PpsReading edgeIfNew(SysfsAssertLine.Sample s) {
        lastGarbled = null;
        if (s.beforeFirstEdge()) {
            return null;
        }
        boolean baseline = lastSequence < 0;
        boolean unchanged = s.sequence() == lastSequence;
        lastSequence = s.sequence();
        if (baseline || unchanged) {
            return null;
        }
        return new PpsReading.Edge(new PpsEdge(s.sequence(), s.timestamp()));
    }

    /** The file's text when two reads in a row agree, or null when it kept changing. */
    private String readSteady() throws IOException {
        String previous = file.read();
        for (int i = 1; i < READ_ATTEMPTS; i++) {
            String again = file.read();
            if (again.equals(previous)) {
                return again;
            }
            previous = again;
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
    }
}
