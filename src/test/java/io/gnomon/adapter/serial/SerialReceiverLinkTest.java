package io.gnomon.adapter.serial;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.serial.ScriptedPorts.Bytes;
import io.gnomon.adapter.serial.ScriptedPorts.Lose;
import io.gnomon.adapter.serial.ScriptedPorts.Timeout;
import io.gnomon.adapter.serial.ScriptedPorts.Vanish;
import io.gnomon.testing.LogCapture;
import io.gnomon.time.MonotonicTime;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The retry, state and stamping logic, on a scripted fake port and a fake clock: no threads, no real time. */
@Tag("slow")
class SerialReceiverLinkTest {
    private static final String PATH = "/dev/serial0";
    private static final long BYTE_AT_9600 = 1_041_666L;

    private final FakeClock clock = new FakeClock();
    private final ScriptedPorts ports = new ScriptedPorts(clock);
    private final List<SerialLinkState> states = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<MonotonicTime> arrivals = new ArrayList<>();
    private final List<String> holderLookups = new ArrayList<>();
    private List<PortHolder> holders = List.of();
    private SerialReceiverLink link;

    private SerialReceiverLink link(SerialLinkSettings settings) {
        link = new SerialReceiverLink(settings, ports,
                (data, off, len, arrival) -> {
                    received.write(data, off, len);
                    arrivals.add(arrival);
                },
                states::add, clock, pauses::add,
                device -> {
                    holderLookups.add(device);
                    return holders;
                });
        ports.whenExhausted(p -> link.close());
        return link;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    private List<Class<?>> kinds() {
        return states.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void missingAtStartIsReportedOnceThenConnectsAndDeliversStampedBytesInOrder() {
        OpenOutcome.NotFound gone = new OpenOutcome.NotFound("no such device");
        ports.fail(gone).fail(gone).fail(gone)
                .connect("/dev/ttyAMA0", new Bytes(ascii("$GPZDA,"), 5_000_000), new Timeout(200_000_000),
                        new Bytes(ascii("202640.000*54\r\n"), 7_000_000));
        link(SerialLinkSettings.of(PATH, 9600)).run();

        assertEquals(List.of(SerialLinkState.Opening.class, SerialLinkState.Missing.class,
                SerialLinkState.Connected.class, SerialLinkState.Lost.class, SerialLinkState.Missing.class),
                kinds());
        assertEquals(new SerialLinkState.Missing(PATH, "no such device"), states.get(1));
        assertEquals(new SerialLinkState.Connected(PATH, "/dev/ttyAMA0", 9600), states.get(2));
        assertEquals("$GPZDA,202640.000*54\r\n", received.toString(US_ASCII));
        // 3 failures back off 0.5, 1, 2 s; the connection delivered bytes, so the retry after it starts over
        assertEquals(List.of(500L, 1000L, 2000L, 500L),
                pauses.stream().map(Duration::toMillis).toList().subList(0, 4));
        long start = 1_000_000_000_000L;
        assertEquals(List.of(new MonotonicTime(start + 5_000_000 - 7 * BYTE_AT_9600),
                        new MonotonicTime(start + 212_000_000 - 15 * BYTE_AT_9600)), arrivals);
        assertTrue(ports.connections.get(0).closed);
    }

    @Test
    void lostPortIsReportedOnceWithItsReasonAndTheLinkResumesOnItsOwn() {
        OpenOutcome.NotFound gone = new OpenOutcome.NotFound("no such device");
        ports.connect("/dev/pts/3", new Bytes(ascii("ab"), 1_000_000), new Lose("input/output error (EIO)"))
                .fail(gone).fail(gone).fail(gone).fail(gone)
                .connect("/dev/pts/4", new Bytes(ascii("cd"), 1_000_000), new Bytes(ascii("ef"), 1_000_000));
        link(SerialLinkSettings.of(PATH, 9600)).run();

        assertEquals(List.of(SerialLinkState.Opening.class, SerialLinkState.Connected.class,
                SerialLinkState.Lost.class, SerialLinkState.Missing.class, SerialLinkState.Connected.class,
                SerialLinkState.Lost.class, SerialLinkState.Missing.class), kinds());
        SerialLinkState.Lost lost = assertInstanceOf(SerialLinkState.Lost.class, states.get(2));
        assertEquals("input/output error (EIO)", lost.reason());
        assertEquals(new SerialLinkState.Connected(PATH, "/dev/pts/4", 9600), states.get(4));
        assertEquals("abcdef", received.toString(US_ASCII));
        // 2 connections, each lost once (the second by running out of script); 4 + 1 failed opens (script end)
        assertEquals(new SerialReceiverLink.Counters(6, 3, 2, 2, 5, 0, 0, 0), link.counters());
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 500L),
                pauses.stream().map(Duration::toMillis).toList().subList(0, 6));
    }

    @Test
    void busyPortNamesTheProcessHoldingItAndIsReportedOnce() {
        holders = List.of(new PortHolder(812, "gpsd"));
        ports.fail(new OpenOutcome.Locked("/dev/ttyAMA0")).fail(new OpenOutcome.Locked("/dev/ttyAMA0"))
                .connect("/dev/ttyAMA0", new Bytes(ascii("x"), 1));
        link(SerialLinkSettings.of(PATH, 4800)).run();

        SerialLinkState.Busy busy = assertInstanceOf(SerialLinkState.Busy.class, states.get(1));
        assertEquals(List.of(new PortHolder(812, "gpsd")), busy.holders());
        assertTrue(busy.describe().contains("/dev/serial0") && busy.describe().contains("pid 812 (gpsd)"),
                busy.describe());
        assertEquals(1, states.stream().filter(s -> s instanceof SerialLinkState.Busy).count());
        assertInstanceOf(SerialLinkState.Connected.class, states.get(2));
        assertTrue(holderLookups.contains("/dev/ttyAMA0"));
    }

    @Test
    void anotherReaderIsNamedOnceNotAtEveryReconnection() {
        holders = List.of(new PortHolder(812, "gpsd"));
        ports.connect("/dev/ttyAMA0", new Bytes(ascii("x"), 1), new Lose("input/output error (EIO)"))
                .connect("/dev/ttyAMA0", new Bytes(ascii("y"), 1), new Lose("input/output error (EIO)"))
                .connect("/dev/ttyAMA0", new Bytes(ascii("z"), 1));
        link(SerialLinkSettings.of(PATH, 9600));
        try (LogCapture log = new LogCapture()) {
            link.run();
            assertEquals(1, log.countLines("also open by [pid 812 (gpsd)]"), log.text());
        }
        assertEquals(3, holderLookups.size(), "looked up at each connection");
    }

    @Test
    void aPortThatFailsAtOnceEveryTimeKeepsBackingOffToTheCap() {
        for (int i = 0; i < 7; i++) {
            ports.connect("/dev/ttyUSB0", new Lose("input/output error (EIO)"));
        }
        link(SerialLinkSettings.of(PATH, 9600)).run();
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L),
                pauses.stream().map(Duration::toMillis).toList().subList(0, 7));
    }

    @Test
    void unusablePortSaysWhy() {
        ports.fail(new OpenOutcome.Failed("permission denied (EACCES): add the user to the group owning"
                + " /dev/ttyAMA0 (usually dialout)"));
        link(SerialLinkSettings.of(PATH, 9600)).run();
        SerialLinkState.Unusable u = assertInstanceOf(SerialLinkState.Unusable.class, states.get(1));
        assertTrue(u.describe().contains("dialout"), u.describe());
    }

    @Test
    void aSilentPortWhosePathNowLeadsElsewhereIsTreatedAsLost() {
        ports.connect("/dev/ttyUSB0", new Timeout(1_000_000_000L), new Vanish("/dev/gps now leads to /dev/ttyUSB1"),
                new Timeout(1_000_000_000L), new Timeout(1_000_000_000L), new Timeout(1_000_000_000L));
        link(SerialLinkSettings.of(PATH, 9600)).run();
        SerialLinkState.Lost lost = assertInstanceOf(SerialLinkState.Lost.class, states.get(2));
        assertEquals("/dev/gps now leads to /dev/ttyUSB1", lost.reason());
    }

    @Test
    void aFailingSinkDoesNotStopTheReading() {
        ports.connect("/dev/ttyAMA0", new Bytes(ascii("a"), 1), new Bytes(ascii("b"), 1), new Bytes(ascii("c"), 1));
        List<String> seen = new ArrayList<>();
        link = new SerialReceiverLink(SerialLinkSettings.of(PATH, 9600), ports,
                (data, off, len, arrival) -> {
                    seen.add(new String(data, off, len, US_ASCII));
                    if (seen.size() == 2) {
                        throw new IllegalStateException("framer bug");
                    }
                },
                states::add, clock, pauses::add, d -> List.of());
        ports.whenExhausted(p -> link.close());
        link.run();
        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(1, link.counters().sinkFailures());
    }

    @Test
    void closeStopsTheReadThread() throws Exception {
        Timeout[] forever = new Timeout[100_000];
        java.util.Arrays.fill(forever, new Timeout(1_000_000));
        ports.connect("/dev/ttyAMA0", forever);
        SerialReceiverLink l = new SerialReceiverLink(SerialLinkSettings.of(PATH, 9600), ports,
                (data, off, len, arrival) -> {}, states::add, clock, d -> Thread.sleep(d), d -> List.of());
        l.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(l.state() instanceof SerialLinkState.Connected) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertInstanceOf(SerialLinkState.Connected.class, l.state());
        l.close();
        assertTrue(ports.connections.get(0).closed);
        assertFalse(states.stream().anyMatch(s -> s instanceof SerialLinkState.Lost), states.toString());
    }

    @Test
    void stillMissingOrStillBusyWithOtherDetailsIsNotNews() {
        SerialLinkState dangling = new SerialLinkState.Missing(PATH, "it is a symlink to /dev/pts/3, which does not exist");
        SerialLinkState gone = new SerialLinkState.Missing(PATH, "no such device");
        assertFalse(SerialReceiverLink.isNews(dangling, gone));
        assertFalse(SerialReceiverLink.isNews(
                new SerialLinkState.Busy(PATH, "/dev/ttyAMA0", List.of(new PortHolder(1, "a"))),
                new SerialLinkState.Busy(PATH, "/dev/ttyAMA0", List.of(new PortHolder(2, "b")))));
        assertTrue(SerialReceiverLink.isNews(null, gone));
        assertTrue(SerialReceiverLink.isNews(gone, new SerialLinkState.Connected(PATH, "/dev/ttyAMA0", 9600)));
        assertTrue(SerialReceiverLink.isNews(new SerialLinkState.Unusable(PATH, "a"),
                new SerialLinkState.Unusable(PATH, "b")));
    }

    @Test
    void aReadEndedByTheProcessShuttingDownIsNoLossAndNoReconnect() {
        // issue 14: every SIGTERM logged "serial port ... lost: locked by another process (EWOULDBLOCK); reconnecting"
        // (jSerialComm's shutdown hook ends the read before Gnomon's hook closes the link)
        ports.connect("/dev/ttyAMA0", new Bytes(ascii("$GPZDA,"), 5_000_000),
                new Lose("locked by another process (EWOULDBLOCK)"));
        boolean[] exiting = {false};
        ports.whenExhausted(p -> link.close());
        link = new SerialReceiverLink(SerialLinkSettings.of(PATH, 9600), ports, (data, off, len, arrival) -> exiting[0] = true,
                states::add, clock, pauses::add, device -> List.of(), () -> exiting[0]);
        try (LogCapture log = new LogCapture()) {
            link.run();
            assertEquals(List.of(SerialLinkState.Opening.class, SerialLinkState.Connected.class), kinds());
            assertEquals(1, ports.opens().size(), "no reopen while shutting down");
            assertTrue(pauses.isEmpty());
            assertEquals(0, link.counters().losses());
            assertEquals(0, log.countLines("reconnecting"), log.text());
            assertEquals(0, log.countLines(" lost"), log.text());
            assertEquals(1, log.countLines("closed, the process is shutting down"), log.text());
        }
        assertTrue(ports.connections.getFirst().closed);
    }

    @Test
    void theSameFailedReadWhileRunningIsALoss() {
        ports.connect("/dev/ttyAMA0", new Bytes(ascii("$GPZDA,"), 5_000_000), new Lose("input/output error (EIO)"));
        link = new SerialReceiverLink(SerialLinkSettings.of(PATH, 9600), ports, (data, off, len, arrival) -> { },
                states::add, clock, pauses::add, device -> List.of(), () -> false);
        ports.whenExhausted(p -> link.close());
        link.run();
        assertEquals(1, link.counters().losses());
        assertInstanceOf(SerialLinkState.Lost.class, states.get(2));
    }

    @Test
    void theJvmIsNotShuttingDownWhileTestsRun() {
        assertFalse(JvmShutdown.inProgress());
    }
}
