package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PPS from a GPIO line's rising edges, for boards without the pps-gpio overlay. The timestamp is the kernel's
 * event timestamp, CLOCK_MONOTONIC, kept as {@link MonotonicTime} — never relabelled as realtime; mapping it to UTC
 * is the reference clock's job. There is no debounce anywhere on this path (Pi4J's DigitalInput debounce is
 * bypassed; the kernel's is off unless requested). The sequence is the kernel's per-line event number where the
 * interface gives one (v2 uAPI), else a local count of rising edges seen.
 */
public final class GpioPpsSource implements PpsSource {

    private static final Logger LOG = LoggerFactory.getLogger(GpioPpsSource.class);

    private final String device;
    private final GpioLineEvents.Opener opener;
    private final MonotonicClock clock;
    private volatile boolean closed;
    private volatile GpioLineEvents line;
    private long sequence;

    GpioPpsSource(String device, GpioLineEvents.Opener opener, MonotonicClock clock) {
        this.device = device;
        this.opener = opener;
        this.clock = clock;
    }

    /**
     * A GPIO line, e.g. chip "gpiochip0", line 4 (BCM numbering on a Pi): through pi4j-library-gpiod where it can
     * serve (a Raspberry Pi, armhf or aarch64), otherwise straight through the kernel's v2 uAPI with FFM.
     */
    public static GpioPpsSource gpio(String chip, int lineOffset, MonotonicClock clock) {
        return new GpioPpsSource(chip + ":" + lineOffset, () -> {
            GpioLineEvents.Failed unfit = GpiodLineEvents.unfit(chip, lineOffset);
            if (unfit == null) {
                LOG.info("{}:{}: line events through pi4j-library-gpiod", chip, lineOffset);
                return GpiodLineEvents.openWithLibrary(chip, lineOffset, clock);
            }
            if (unfit.fault() != PpsFault.UNSUPPORTED_PLATFORM) {
                return new GpioLineEvents.Opened(null, unfit);
            }
            LOG.info("{}:{}: line events through the GPIO v2 uAPI ({})", chip, lineOffset, unfit.detail());
            return UapiLineEvents.open("/dev/" + chip, chip, lineOffset);
        }, clock);
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public String clockDomain() {
        return "CLOCK_MONOTONIC";
    }

    @Override
    public synchronized PpsReading next(Duration timeout) throws InterruptedException {
        if (closed) {
            return new PpsReading.Unavailable(PpsFault.CLOSED, device);
        }
        if (line == null) {
            GpioLineEvents.Opened opened = opener.open();
            if (opened.failure() != null) {
                return new PpsReading.Unavailable(opened.failure().fault(), opened.failure().detail());
            }
            line = opened.line();
        }
        long deadline = clock.now().nanos() + timeout.toNanos();
        while (!closed) {
            long remaining = deadline - clock.now().nanos();
            if (remaining <= 0) {
                return new PpsReading.NoEdge();
            }
            switch (line.await(Duration.ofNanos(remaining))) {
                case GpioLineEvents.Timeout t -> {
                    return new PpsReading.NoEdge();
                }
                case GpioLineEvents.Failed f -> {
                    release();
                    return new PpsReading.Unavailable(f.fault(), f.detail());
                }
                case GpioLineEvents.LineEvent e when e.rising() -> {
                    sequence = e.lineSequence() > 0 ? e.lineSequence() : sequence + 1;
                    return new PpsReading.Edge(new PpsEdge(sequence, new MonotonicTime(e.timestampNanos())));
                }
                case GpioLineEvents.LineEvent e -> {
                    // a falling edge (only if the line was requested for both): not a PPS assert
                }
            }
        }
        release();
        return new PpsReading.Unavailable(PpsFault.CLOSED, device);
    }

    private void release() {
        GpioLineEvents l = line;
        line = null;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) { // waits for a reader's current wait (at most its timeout) to end
            release();
        }
    }
}
