package io.gnomon.adapter.pps;

import com.pi4j.library.gpiod.internal.GpioDContext;
import com.pi4j.library.gpiod.internal.GpioLine;
import com.pi4j.library.gpiod.internal.GpioLineEvent;
import io.gnomon.pps.PpsFault;
import io.gnomon.time.MonotonicClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Locale;

/**
 * GPIO line events through pi4j-library-gpiod 3.0.3 (libgpiod v1 via JNI), the library under Pi4J's gpiod plugin.
 *
 * <p>Why not the plugin's {@code DigitalInput}: its {@code DigitalStateChangeEvent} carries no timestamp, and its
 * listener thread debounces (the plugin reads the event time only to debounce). The library's public, exported
 * API ({@code GpioDContext}, {@code GpioLine.eventWait/eventRead}, {@code GpioLineEvent.getTimeNs}) gives the
 * kernel's event timestamp itself, so this class uses it directly, with its own {@code GpioDContext} rather than
 * the plugin's shared one. Limits of the library: native code only for armhf and aarch64, and
 * {@code GpioDContext.initialize} finds a chip only on a Raspberry Pi (it checks the board model).
 */
final class GpiodLineEvents implements GpioLineEvents {

    private static final String CONSUMER = "gnomon-pps";

    private final GpioDContext context;
    private final GpioLine line;
    private final GpioLineEvent event;
    private final MonotonicClock clock;
    private final boolean timestampsWrapAt32Bits;

    private GpiodLineEvents(GpioDContext context, GpioLine line, GpioLineEvent event, MonotonicClock clock,
                            boolean timestampsWrapAt32Bits) {
        this.context = context;
        this.line = line;
        this.event = event;
        this.clock = clock;
        this.timestampsWrapAt32Bits = timestampsWrapAt32Bits;
    }

    /** Why the library cannot serve this line here, or null when it may be tried. */
    static Failed unfit(String chip, int offset) {
        return preflight(chip, offset, Path.of("/dev"), Path.of("/proc/device-tree/model"), LinuxAbi.current());
    }

    /**
     * Opens the line through the library, whatever the preflight would say; failures become reasons. On 32-bit
     * ABIs the library's nanosecond value may have wrapped (see {@link MonotonicNanos32}) and is repaired here.
     */
    static Opened openWithLibrary(String chip, int offset, MonotonicClock clock) {
        boolean wraps = LinuxAbi.current().map(a -> a.pointerBytes() == 4).orElse(false);
        String where = chip + ":" + offset;
        GpioDContext context = null;
        try {
            context = new GpioDContext();
            context.setChip(chip);
            context.initialize();
            GpioLine line = context.getOrOpenLine(offset);
            line.requestRisingEdgeEventsFlags(CONSUMER, 0);
            GpioLineEvent event = context.openLineEvent();
            return new Opened(new GpiodLineEvents(context, line, event, clock, wraps), null);
        } catch (LinkageError e) {
            return new Opened(null, new Failed(PpsFault.UNSUPPORTED_PLATFORM, where
                    + ": pi4j-library-gpiod has no native library for this CPU (armhf and aarch64 only): " + e));
        } catch (RuntimeException e) {
            closeQuietly(context);
            return new Opened(null, classify(where, e));
        }
    }

    /**
     * Checks what the library needs before touching it (it logs errors of its own when it cannot find a board):
     * the chip's device node, access to it, a CPU it has native code for, and a Raspberry Pi board model.
     *
     * @return null when the library may be tried, else why not
     */
    static Failed preflight(String chip, int offset, Path devDir, Path modelFile, Optional<LinuxAbi> abi) {
        String where = chip + ":" + offset;
        Path node = devDir.resolve(chip);
        if (!Files.exists(node)) {
            return new Failed(PpsFault.NO_DEVICE, where + ": no " + node);
        }
        if (!Files.isReadable(node) || !Files.isWritable(node)) {
            return new Failed(PpsFault.PERMISSION_DENIED, where + ": no read/write access to " + node);
        }
        if (abi.isEmpty() || !(abi.get() == LinuxAbi.AARCH64 || abi.get() == LinuxAbi.ARMHF)) {
            return new Failed(PpsFault.UNSUPPORTED_PLATFORM, where + ": pi4j-library-gpiod has native code only for"
                    + " armhf and aarch64, this is " + abi.map(Enum::name).orElse(System.getProperty("os.arch")));
        }
        String model;
        try {
            model = Files.readString(modelFile, StandardCharsets.US_ASCII).replace("\0", "").strip();
        } catch (IOException e) {
            model = "";
        }
        if (!model.contains("Raspberry Pi")) {
            return new Failed(PpsFault.UNSUPPORTED_PLATFORM, where + ": pi4j-library-gpiod opens GPIO chips only on a"
                    + " Raspberry Pi, and " + modelFile + " says \"" + model + "\"");
        }
        return null;
    }

    /** Maps the library's exception text to a fault; libgpiod reports errors as messages, not errno values. */
    static Failed classify(String where, RuntimeException e) {
        String msg = String.valueOf(e.getMessage());
        String m = msg.toLowerCase(Locale.ROOT);
        PpsFault fault;
        if (m.contains("permission") || m.contains("eacces") || m.contains("not permitted")) {
            fault = PpsFault.PERMISSION_DENIED;
        } else if (m.contains("busy")) {
            fault = PpsFault.BUSY;
        } else if (m.contains("no gpio chip yet initialized")) {
            return new Failed(PpsFault.NO_DEVICE, where + ": no GPIO chip opened (pi4j-library-gpiod opens chips only"
                    + " when /proc/device-tree/model names a Raspberry Pi): " + msg);
        } else if (m.contains("couldn't find gpiochip") || m.contains("no such")
                || m.contains("suitable gpiochip") || m.contains("invalid")) {
            fault = PpsFault.NO_DEVICE;
        } else {
            fault = PpsFault.DEVICE_ERROR;
        }
        return new Failed(fault, where + ": " + msg);
    }

    @Override
    public Outcome await(Duration timeout) {
        try {
            if (!line.eventWait(timeout.toNanos())) {
                return new Timeout();
            }
            line.eventRead(event);
            long nanos = timestampsWrapAt32Bits
                    ? MonotonicNanos32.unwrap(event.getTimeNs(), clock.now().nanos())
                    : event.getTimeNs();
            return new LineEvent(nanos, event.getType() == com.pi4j.library.gpiod.internal.LineEvent.RISING_EDGE, 0);
        } catch (RuntimeException e) {
            return classify("line " + line.getOriginalOffset(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(context);
    }

    private static void closeQuietly(GpioDContext context) {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (RuntimeException | LinkageError ignored) {
            // closing a context that never found a chip, or whose native library is missing
        }
    }
}
