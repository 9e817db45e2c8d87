package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.time.MonotonicTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpioPpsSourceTest {

    private static final long S = 1_000_000_000L;

    /** A fake line: scripted outcomes; each wait advances a fake monotonic clock by 1 ms. */
    private static final class FakeLine implements GpioLineEvents {
        final Deque<Outcome> script;
        final AtomicLong now;
        boolean closed;

        FakeLine(AtomicLong now, Outcome... outcomes) {
            this.now = now;
            this.script = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public Outcome await(Duration timeout) {
            now.addAndGet(1_000_000);
            return script.isEmpty() ? new Timeout() : script.poll();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void risingEdgesBecomeMonotonicEdgesWithALocalSequence() throws Exception {
        AtomicLong now = new AtomicLong(50 * S);
        var line = new FakeLine(now,
                new GpioLineEvents.LineEvent(41 * S + 123, true, 0),
                new GpioLineEvents.LineEvent(41 * S + 100_000_123L, false, 0),
                new GpioLineEvents.LineEvent(42 * S + 456, true, 0));
        var src = new GpioPpsSource("gpiochip0:4", () -> new GpioLineEvents.Opened(line, null),
                () -> new MonotonicTime(now.get()));
        assertEquals(new PpsEdge(1, new MonotonicTime(41 * S + 123)),
                assertInstanceOf(PpsReading.Edge.class, src.next(Duration.ofSeconds(2))).edge());
        // the falling edge is skipped, not reported
        assertEquals(new PpsEdge(2, new MonotonicTime(42 * S + 456)),
                assertInstanceOf(PpsReading.Edge.class, src.next(Duration.ofSeconds(2))).edge());
        assertInstanceOf(PpsReading.NoEdge.class, src.next(Duration.ofSeconds(2)));
        assertEquals("CLOCK_MONOTONIC", src.clockDomain());
        src.close();
        assertTrue(line.closed);
        assertEquals(PpsFault.CLOSED, ((PpsReading.Unavailable) src.next(Duration.ofSeconds(1))).fault());
    }

    @Test
    void theKernelLineSequenceIsUsedWhenGiven() throws Exception {
        AtomicLong now = new AtomicLong();
        var line = new FakeLine(now,
                new GpioLineEvents.LineEvent(7 * S, true, 41),
                new GpioLineEvents.LineEvent(9 * S, true, 43));
        var src = new GpioPpsSource("gpiochip0:4", () -> new GpioLineEvents.Opened(line, null),
                () -> new MonotonicTime(now.get()));
        assertEquals(41, ((PpsReading.Edge) src.next(Duration.ofSeconds(1))).edge().sequence());
        assertEquals(43, ((PpsReading.Edge) src.next(Duration.ofSeconds(1))).edge().sequence());
    }

    @Test
    void unwrapIsExactWithinTheWindowAndIdempotentOnGoodValues() {
        long t = 987_654_321_012L;
        for (long lag : new long[] {0, 1, 1_000_000, 4_000_000_000L}) {
            assertEquals(t, MonotonicNanos32.unwrap((int) t, t + lag), "lag " + lag);
            assertEquals(t, MonotonicNanos32.unwrap(t, t + lag), "already right, lag " + lag);
        }
    }

    @Test
    void aLineThatCannotBeOpenedIsAReasonAndIsRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        var src = new GpioPpsSource("gpiochip9:4", () -> {
            attempts.incrementAndGet();
            return new GpioLineEvents.Opened(null,
                    new GpioLineEvents.Failed(PpsFault.BUSY, "gpiochip9:4: Device or resource busy"));
        }, SystemClocks.MONOTONIC);
        var u = assertInstanceOf(PpsReading.Unavailable.class, src.next(Duration.ofMillis(10)));
        assertEquals(PpsFault.BUSY, u.fault());
        src.next(Duration.ofMillis(10));
        assertEquals(2, attempts.get());
    }

    @Test
    void aFailedWaitReleasesTheLineAndReportsTheReason() throws Exception {
        AtomicLong now = new AtomicLong();
        var line = new FakeLine(now, new GpioLineEvents.Failed(PpsFault.DEVICE_ERROR, "line 4: read failed"));
        var src = new GpioPpsSource("gpiochip0:4", () -> new GpioLineEvents.Opened(line, null),
                () -> new MonotonicTime(now.get()));
        assertEquals(PpsFault.DEVICE_ERROR, ((PpsReading.Unavailable) src.next(Duration.ofSeconds(1))).fault());
        assertTrue(line.closed);
    }

    @Test
    void libraryMessagesMapToFaults() {
        assertEquals(PpsFault.PERMISSION_DENIED,
                GpiodLineEvents.classify("c:4", new RuntimeException("Permission denied")).fault());
        assertEquals(PpsFault.BUSY,
                GpiodLineEvents.classify("c:4", new RuntimeException("Device or resource busy")).fault());
        assertEquals(PpsFault.NO_DEVICE,
                GpiodLineEvents.classify("c:4", new IllegalStateException("Couldn't find gpiochip with name: x")).fault());
        assertEquals(PpsFault.DEVICE_ERROR,
                GpiodLineEvents.classify("c:4", new RuntimeException("something else")).fault());
    }

    /** The real library on a machine that is not a Pi: a reason, not an exception or a crash. */
    @Test
    void theRealLibraryOffAPiGivesAReason() {
        if (Files.exists(Path.of("/proc/device-tree/model"))) {
            return; // a real board: the library might open the line; this test is about machines without one
        }
        var opened = GpiodLineEvents.openWithLibrary("gpiochip0", 4, SystemClocks.MONOTONIC);
        assertNull(opened.line());
        assertEquals(PpsFault.NO_DEVICE, opened.failure().fault(), opened.failure().toString());
        assertTrue(opened.failure().detail().startsWith("gpiochip0:4"), opened.failure().detail());
    }

    @Test
    void preflightNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        Path dev = Files.createDirectory(dir.resolve("dev"));
        Path model = dir.resolve("model");
        var aarch64 = Optional.of(LinuxAbi.AARCH64);
        var noChip = GpiodLineEvents.preflight("gpiochip0", 4, dev, model, aarch64);
        assertEquals(PpsFault.NO_DEVICE, noChip.fault());
        assertTrue(noChip.detail().contains("gpiochip0"), noChip.detail());

        Files.createFile(dev.resolve("gpiochip0"));
        var x86 = GpiodLineEvents.preflight("gpiochip0", 4, dev, model, Optional.of(LinuxAbi.X86_64));
        assertEquals(PpsFault.UNSUPPORTED_PLATFORM, x86.fault());
        assertTrue(x86.detail().contains("X86_64"), x86.detail());

        var noModel = GpiodLineEvents.preflight("gpiochip0", 4, dev, model, aarch64);
        assertEquals(PpsFault.UNSUPPORTED_PLATFORM, noModel.fault());

        Files.writeString(model, "Raspberry Pi 4 Model B Rev 1.5\0");
        assertNull(GpiodLineEvents.preflight("gpiochip0", 4, dev, model, aarch64));
        assertNull(GpiodLineEvents.preflight("gpiochip0", 4, dev, model, Optional.of(LinuxAbi.ARMHF)));
    }

    @Test
    void theRealOpenOnThisMachineGivesAReason() throws Exception {
        if (Files.exists(Path.of("/dev/gpiochip0")) && Files.exists(Path.of("/proc/device-tree/model"))) {
            return;
        }
        var src = GpioPpsSource.gpio("gpiochip0", 4, SystemClocks.MONOTONIC);
        var u = assertInstanceOf(PpsReading.Unavailable.class, src.next(Duration.ofMillis(10)));
        assertTrue(u.detail().startsWith("gpiochip0:4"), u.detail());
    }
}
