package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A receiver that changes its rate under a running link (a reset back to its default): the link notices a window of
 * bytes without a valid sentence, searches the rates and reads on at the right one. Fake port, fake clock: each read
 * takes 100 ms and returns what a UART at the opened rate assembles from a real receiver capture, endlessly.
 */
@Tag("slow")
class SerialLinkRateSearchTest {
    private static final String PATH = "/dev/serial0";
    private static final byte[] MT3339 = NmeaSamples.load("mt3339-head.nmea");

    private final FakeClock clock = new FakeClock();
    private final List<Integer> opened = new ArrayList<>();
    private final List<SerialLinkState> states = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private SerialReceiverLink link;

    /** What the line carries, as read at {@code readerBaud}, {@code second} s into the test. */
    private interface Line {
        byte[] read(long second, int readerBaud);
    }

    /** A port reading {@code line} at the opened rate; the link is closed after {@code seconds}. */
    private SerialPortOpener port(Line line, long seconds) {
        long start = clock.now().nanos();
        long end = start + seconds * 1_000_000_000L;
        return (path, baud) -> {
            opened.add(baud);
            return new OpenOutcome.Opened(new ReadOnlyConnection("/dev/ttyAMA0") {
                int pos;

                @Override
                public int read(byte[] buffer) {
                    clock.advanceNanos(100_000_000L);
                    if (clock.now().nanos() >= end) {
                        link.close();
                        return 0;
                    }
                    byte[] seen = line.read((clock.now().nanos() - start) / 1_000_000_000L, baud);
                    int n = Math.min(96, buffer.length);
                    for (int i = 0; i < n; i++) {
                        buffer[i] = seen[pos++ % seen.length];
                    }
                    return n;
                }
            });
        };
    }

    private SerialReceiverLink link(SerialLinkSettings settings, SerialPortOpener opener) {
        link = new SerialReceiverLink(settings, opener, (data, off, len, arrival) -> received.write(data, off, len),
                states::add, clock, d -> clock.advanceNanos(d.toNanos()), device -> List.of());
        return link;
    }

    private final Map<List<Integer>, byte[]> uart = new HashMap<>();

    /** A receiver sending the capture at {@code senderBaud}, as a UART at the reader's rate assembles it. */
    private byte[] at(int senderBaud, int readerBaud) {
        return uart.computeIfAbsent(List.of(senderBaud, readerBaud),
                k -> UartSimulation.received(MT3339, senderBaud, readerBaud));
    }

    private List<Class<?>> kinds() {
        return states.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void aReceiverBackAtItsDefaultRateIsFoundAndReadAtIt() {
        link(SerialLinkSettings.of(PATH, 115200), port((t, baud) -> at(9600, baud), 40)).run();

        assertEquals(List.of(SerialLinkState.Opening.class, SerialLinkState.Connected.class,
                SerialLinkState.Searching.class, SerialLinkState.Connected.class), kinds());
        assertEquals(new SerialLinkState.Searching(PATH, 115200, "no NMEA sentence with a valid checksum in 10 s of bytes"),
                states.get(2));
        SerialLinkState.Connected found = (SerialLinkState.Connected) states.get(3);
        assertEquals(new SerialLinkState.Connected(PATH, "/dev/ttyAMA0", 9600, 115200), found);
        assertTrue(found.describe().endsWith("connected at 9600 baud 8N1 (found by search; serial-baud says 115200)"),
                found.describe());
        // read at 115200, the search's first candidate (9600) is decisive at once, then read at 9600
        assertEquals(List.of(115200, 9600, 9600), opened);
        assertEquals(1, link.counters().searches());
        assertEquals(1, link.counters().rateChanges());
        byte[] all = received.toByteArray();
        assertTrue(NmeaChecksumTally.of(all, 0, all.length).valid() > 50, "valid sentences reach the sink");
    }

    @Test
    void whenTheReceiverIsSetBackToTheConfiguredRateTheLinkFollows() {
        // at 9600 (its default) until second 40, then at 38400 again (reconfigured, as the configuration says)
        link(SerialLinkSettings.of(PATH, 38400), port((t, baud) -> at(t < 40 ? 9600 : 38400, baud), 90)).run();

        // read at 38400; search: 9600 first (decisive); read at 9600; search: the configured 38400 first; read at it
        assertEquals(List.of(38400, 9600, 9600, 38400, 38400), opened);
        assertEquals(2, link.counters().rateChanges());
        SerialLinkState last = states.getLast();
        assertEquals(new SerialLinkState.Connected(PATH, "/dev/ttyAMA0", 38400), last);
        assertTrue(last.describe().endsWith("connected at 38400 baud 8N1"), last.describe());
    }

    @Test
    void whenNoRateGivesSentencesTheLinkReadsOnAndSearchesAgainOnlyAfterAHoldoff() {
        byte[] binary = new byte[4096];
        new java.util.SplittableRandom(3).nextBytes(binary);
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (binary[i] == '$' || binary[i] == '!' ? 0 : binary[i]); // no sentence can start
        }
        link(SerialLinkSettings.of(PATH, 9600), port((t, baud) -> binary, 200)).run();

        assertEquals(2, link.counters().searches(), states.toString());
        assertEquals(0, link.counters().rateChanges());
        assertTrue(states.stream().filter(s -> s instanceof SerialLinkState.Connected)
                .allMatch(s -> ((SerialLinkState.Connected) s).baud() == 9600), states.toString());
    }

    @Test
    void aZeroWindowNeverSearches() {
        link(SerialLinkSettings.of(PATH, 115200).withWrongRateWindow(Duration.ZERO), port((t, baud) -> at(9600, baud), 60)).run();
        assertEquals(0, link.counters().searches());
        assertEquals(List.of(115200), opened);
    }
}
