package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class BaudProbeTest {
    private static final byte[] MT3339 = NmeaSamples.load("mt3339-head.nmea");
    private final FakeClock clock = new FakeClock();
    private final List<Integer> opened = new ArrayList<>();

    /** A receiver talking at {@code senderBaud}; the port hands out what a UART at the opened rate would see. */
    private SerialPortOpener receiverAt(int senderBaud) {
        return (path, baud) -> {
            opened.add(baud);
            byte[] seen = UartSimulation.received(MT3339, senderBaud, baud);
            return new OpenOutcome.Opened(new ReadOnlyConnection("/dev/ttyUSB0") {
                int pos;

                @Override
                public int read(byte[] buffer) {
                    clock.advanceNanos(100_000_000L);
                    int n = Math.min(96, seen.length - pos);
                    System.arraycopy(seen, pos, buffer, 0, n);
                    pos += n;
                    return n;
                }

            });
        };
    }

    @Test
    void triesRatesInOrderAndStopsAtTheFirstClearlyRightOne() {
        BaudProbe probe = new BaudProbe(receiverAt(38400), clock, Duration.ofMillis(2500));
        BaudProbe.Decided d = assertInstanceOf(BaudProbe.Decided.class, probe.probe("/dev/gps", BaudDetector.CANDIDATES));
        BaudDetector.Detected found = assertInstanceOf(BaudDetector.Detected.class, d.decision());
        assertEquals(38400, found.baud());
        assertEquals(List.of(9600, 4800, 38400), opened);
        assertEquals(3, found.samples().size());
    }

    @Test
    void aPortThatCannotBeOpenedStopsTheProbeWithTheReason() {
        BaudProbe probe = new BaudProbe((path, baud) -> new OpenOutcome.Locked("/dev/ttyAMA0"), clock,
                Duration.ofSeconds(1));
        BaudProbe.CannotOpen c = assertInstanceOf(BaudProbe.CannotOpen.class,
                probe.probe("/dev/serial0", BaudDetector.CANDIDATES));
        assertEquals(new OpenOutcome.Locked("/dev/ttyAMA0"), c.failure());
    }

    @Test
    void aSilentReceiverIsUndetectedAfterTryingEveryRate() {
        SerialPortOpener silent = (path, baud) -> {
            opened.add(baud);
            return receiverAt(9600).open(path, baud) instanceof OpenOutcome.Opened
                    ? new OpenOutcome.Opened(new SilentConnection(clock)) : null;
        };
        BaudProbe.Decided d = assertInstanceOf(BaudProbe.Decided.class,
                new BaudProbe(silent, clock, Duration.ofSeconds(2)).probe("/dev/gps", BaudDetector.CANDIDATES));
        assertInstanceOf(BaudDetector.Undetected.class, d.decision());
        assertEquals(BaudDetector.CANDIDATES.size(), d.decision().samples().size());
        assertEquals(Arrays.asList(0, 0, 0, 0, 0, 0),
                d.decision().samples().stream().map(BaudDetector.Sample::bytes).toList());
    }

    private static final class SilentConnection extends ReadOnlyConnection {
        private final FakeClock clock;

        SilentConnection(FakeClock clock) {
            super("/dev/ttyUSB0");
            this.clock = clock;
        }

        @Override
        public int read(byte[] buffer) {
            clock.advanceNanos(200_000_000L);
            return 0;
        }
    }
}
