package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.MonotonicClock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kernel PPS ({@code /dev/ppsN}, e.g. from the pps-gpio overlay): PPS_FETCH with a timeout through FFM.
 * Edges are stamped by the kernel in the interrupt handler with CLOCK_REALTIME, so their timestamps are
 * {@link io.gnomon.time.RealtimeTime}; the sequence is the kernel's assert_sequence.
 *
 * <p>No PPS_SETPARAMS: pps-gpio registers with {@code PPS_CAPTUREASSERT | PPS_OFFSETASSERT} as default parameters
 * (drivers/pps/clients/pps-gpio.c, pps_gpio_probe), and PPS_SETPARAMS would need CAP_SYS_TIME. PPS_GETCAP is checked
 * at open so a device that cannot capture assert edges is reported as such.
 */
public final class KernelPpsSource implements PpsSource {

    private static final long MIN_WAIT_NANOS = 1_000_000;

    private final String path;
    private final KernelPpsCalls calls;
    private final MonotonicClock clock;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile boolean closed;
    private int fd = -1;
    private long lastAssertSequence = -1;

    public KernelPpsSource(String path, LinuxAbi abi, MonotonicClock clock) {
        this.path = path;
        this.calls = new KernelPpsCalls(abi);
        this.clock = clock;
    }

    @Override
    public String device() {
        return path;
    }

    @Override
    public String clockDomain() {
        return "CLOCK_REALTIME";
    }

    @Override
    public PpsReading next(Duration timeout) {
        reading.lock();
        try {
            if (closed) {
                release();
                return new PpsReading.Unavailable(PpsFault.CLOSED, path);
            }
            if (fd < 0) {
                PpsReading.Unavailable failed = openDevice();
                if (failed != null) {
                    return failed;
                }
            }
            long deadline = clock.now().nanos() + timeout.toNanos();
            while (!closed) {
                long remaining = deadline - clock.now().nanos();
                if (remaining < MIN_WAIT_NANOS) {
                    // a timeout that rounds to 0 jiffies makes the kernel answer at once without waiting
                    return new PpsReading.NoEdge();
                }
                KernelPpsCalls.Fetch f = calls.fetch(fd, Duration.ofNanos(remaining));
                if (f.errno() == Errno.ETIMEDOUT) {
                    return new PpsReading.NoEdge();
                }
                if (f.errno() == Errno.EINTR) {
                    continue;
                }
                if (f.errno() != 0) {
                    release();
                    return unavailable(f.errno(), "ioctl PPS_FETCH");
                }
                PpsFdata.Info info = f.info();
                // A fetch also returns on clear edges (when captured); only a new assert sequence is an edge.
                if (info.noAssertYet() || info.assertSequence() == lastAssertSequence) {
                    continue;
                }
                lastAssertSequence = info.assertSequence();
                return new PpsReading.Edge(new PpsEdge(info.assertSequence(), info.assertTime()));
            }
            release();
            return new PpsReading.Unavailable(PpsFault.CLOSED, path);
        } finally {
            reading.unlock();
        }
    }

    private PpsReading.Unavailable openDevice() {
        KernelPpsCalls.Result opened = calls.open(path);
        if (opened.failed()) {
            return unavailable(opened.errno(), "open");
        }
        fd = opened.value();
        KernelPpsCalls.Result cap = calls.getCap(fd);
        if (cap.failed()) {
            release();
            return unavailable(cap.errno(), "ioctl PPS_GETCAP");
        }
        if ((cap.value() & PpsFdata.CAPTURE_ASSERT) == 0) {
            release();
            return new PpsReading.Unavailable(PpsFault.NO_ASSERT_CAPTURE,
                    path + ": capabilities 0x" + Integer.toHexString(cap.value()) + " lack PPS_CAPTUREASSERT");
        }
        return null;
    }

    private PpsReading.Unavailable unavailable(int errno, String call) {
        return new PpsReading.Unavailable(Errno.fault(errno), path + ": " + call + ": " + Errno.name(errno));
    }

    private void release() {
        if (fd >= 0) {
            calls.close(fd);
            fd = -1;
        }
    }

    /** Marks the source closed; the descriptor is closed now, or by the reader when its current fetch returns. */
    @Override
    public void close() {
        closed = true;
        if (reading.tryLock()) {
            try {
                release();
            } finally {
                reading.unlock();
            }
        }
    }
}
