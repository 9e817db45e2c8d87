package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsFault;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * GPIO line events read straight from the kernel's GPIO character device with the v2 uAPI, through FFM: the
 * fallback for boards or CPUs pi4j-library-gpiod does not serve (it needs a Raspberry Pi with armhf or aarch64).
 * Gives the kernel's CLOCK_MONOTONIC timestamp (64-bit, no wrap) and the kernel's per-line sequence number.
 */
final class UapiLineEvents implements GpioLineEvents {

    private static final String CONSUMER = "gnomon-pps";

    private final String where;
    private final int lineFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(GpioV2Structs.EVENT_SIZE, 8);
    private boolean closed;

    private UapiLineEvents(String where, int lineFd) {
        this.where = where;
        this.lineFd = lineFd;
    }

    /** Reads events from an already open descriptor (tests use a file of hand-built events). */
    static UapiLineEvents forDescriptor(String where, int lineFd) {
        return new UapiLineEvents(where, lineFd);
    }

    static Opened open(String chipPath, String chip, int offset) {
        String where = chip + ":" + offset;
        GpioV2Calls.Result chipFd = GpioV2Calls.openChip(chipPath);
        if (chipFd.failed()) {
            return failed(where, "open " + chipPath, chipFd.errno());
        }
        try {
            GpioV2Calls.Result line = GpioV2Calls.requestRisingEdges((int) chipFd.value(), offset, CONSUMER);
            if (line.failed()) {
                return failed(where, "ioctl GPIO_V2_GET_LINE", line.errno());
            }
            return new Opened(new UapiLineEvents(where, (int) line.value()), null);
        } finally {
            GpioV2Calls.close((int) chipFd.value()); // the line descriptor stays valid on its own
        }
    }

    private static Opened failed(String where, String call, int errno) {
        PpsFault fault = errno == Errno.EINVAL ? PpsFault.NO_DEVICE : Errno.fault(errno);
        String detail = where + ": " + call + ": " + Errno.name(errno)
                + (errno == Errno.EINVAL ? " (no such line on this chip, or a kernel before 5.10 without the v2 uAPI)" : "");
        return new Opened(null, new Failed(fault, detail));
    }

    @Override
    public synchronized Outcome await(Duration timeout) {
        if (closed) {
            return new Failed(PpsFault.CLOSED, where);
        }
        long millis = Math.max(0, Math.min(Integer.MAX_VALUE, (timeout.toNanos() + 999_999) / 1_000_000));
        GpioV2Calls.Result ready = GpioV2Calls.pollIn(lineFd, (int) millis);
        if (ready.failed()) {
            return ready.errno() == Errno.EINTR ? new Timeout()
                    : new Failed(Errno.fault(ready.errno()), where + ": poll: " + Errno.name(ready.errno()));
        }
        if (ready.value() == 0) {
            return new Timeout();
        }
        GpioV2Calls.Result n = GpioV2Calls.readEvent(lineFd, buffer);
        if (n.failed()) {
            return n.errno() == Errno.EINTR || n.errno() == Errno.EAGAIN ? new Timeout()
                    : new Failed(Errno.fault(n.errno()), where + ": read: " + Errno.name(n.errno()));
        }
        if (n.value() != GpioV2Structs.EVENT_SIZE) {
            return new Failed(PpsFault.DEVICE_ERROR, where + ": read " + n.value() + " bytes, expected "
                    + GpioV2Structs.EVENT_SIZE);
        }
        GpioV2Structs.Event e = GpioV2Structs.decodeEvent(buffer);
        return new LineEvent(e.timestampNanos(), e.id() == GpioV2Structs.EVENT_RISING_EDGE, e.lineSeqno());
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            GpioV2Calls.close(lineFd);
            arena.close();
        }
    }
}
