package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import java.time.Duration;

/**
 * PPS from a GPIO line's rising edges, for boards without the pps-gpio overlay. The timestamp is the kernel's
 * event timestamp, CLOCK_MONOTONIC, kept as {@link MonotonicTime} — never relabelled as realtime; mapping it to UTC
 * is the reference clock's job. There is no debounce anywhere on this path (Pi4J's DigitalInput debounce is
 * bypassed; the kernel's is off unless requested). The sequence is a local count of rising edges seen.
 */
public final class GpioPpsSource implements PpsSource {

    private final String device;
    private final GpioLineEvents.Opener opener;
    private final MonotonicClock clock;
    private final boolean timestampsWrapAt32Bits;
    private volatile boolean closed;
    private volatile GpioLineEvents line;
    private long sequence;

    /**
     * @param timestampsWrapAt32Bits true on 32-bit ABIs, where the library's nanosecond value may wrap
     *                               (see {@link MonotonicNanos32})
     */
    GpioPpsSource(String device, GpioLineEvents.Opener opener, MonotonicClock clock, boolean timestampsWrapAt32Bits) {
        this.device = device;
        this.opener = opener;
        this.clock = clock;
        this.timestampsWrapAt32Bits = timestampsWrapAt32Bits;
    }

    /** A GPIO line through pi4j-library-gpiod, e.g. chip "gpiochip0", line 4 (BCM numbering on a Pi). */
    public static GpioPpsSource gpiod(String chip, int lineOffset, MonotonicClock clock) {
        boolean is32 = LinuxAbi.current().map(a -> a.pointerBytes() == 4).orElse(false);
        return new GpioPpsSource(chip + ":" + lineOffset, () -> GpiodLineEvents.open(chip, lineOffset), clock, is32);
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
                    long nanos = timestampsWrapAt32Bits
                            ? MonotonicNanos32.unwrap(e.timestampNanos(), clock.now().nanos())
                            : e.timestampNanos();
                    return new PpsReading.Edge(new PpsEdge(++sequence, new MonotonicTime(nanos)));
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
