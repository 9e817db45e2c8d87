package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.testing.ExternalProgram;
import io.gnomon.time.MonotonicTime;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jSerialComm adapter on a socat pseudo-terminal pair: NMEA from a real receiver's capture written at
 * 9600-baud pace arrives intact, in order, with non-decreasing stamps; socat is then killed (the pty disappears)
 * and restarted at the same link path, and the adapter reports the loss once and resumes by itself.
 */
@Tag("external")
class SerialReceiverLinkPtyTest {
    private static final int BAUD = 9600;

    @TempDir
    Path dir;

    private final BlockingQueue<SerialLinkState> events = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<MonotonicTime> arrivals = new ArrayList<>();

    private synchronized void accept(byte[] data, int off, int len, MonotonicTime arrival) {
        received.write(data, off, len);
        arrivals.add(arrival);
    }

    private synchronized byte[] receivedSoFar() {
        return received.toByteArray();
    }

    private synchronized List<MonotonicTime> arrivalsSoFar() {
        return List.copyOf(arrivals);
    }

    private <T extends SerialLinkState> T next(Class<T> kind) throws InterruptedException {
        SerialLinkState s = events.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            fail("no link state within 5 s, expected " + kind.getSimpleName());
        }
        return assertInstanceOf(kind, s, "link state " + s);
    }

    private void awaitBytes(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (receivedSoFar().length < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    @Timeout(30)
    void readsNmeaAtSerialPaceReportsThePtyLossOnceAndRecoversByItself() throws Exception {
        String socat = ExternalProgram.require("socat", "socat").path().toString();
        byte[] capture = NmeaSamples.load("mt3339-head.nmea");
        int cut = indexAfterLine(capture, 20);
        byte[] first = Arrays.copyOfRange(capture, 0, cut);
        byte[] second = Arrays.copyOfRange(capture, cut, capture.length);

        SocatPtyPair pty = new SocatPtyPair(socat, dir).start();
        SerialLinkSettings settings = SerialLinkSettings.of(pty.device.toString(), BAUD)
                .withRetry(Duration.ofMillis(100), Duration.ofMillis(400));
        try (SerialReceiverLink link = SerialReceiverLink.onThisHost(settings, this::accept, events::add,
                SystemClocks.MONOTONIC)) {
            link.start();
            next(SerialLinkState.Opening.class);
            SerialLinkState.Connected c = next(SerialLinkState.Connected.class);
            assertTrue(c.device().startsWith("/dev/pts/"), c.device());

            pty.writePaced(first, BAUD);
            awaitBytes(first.length);
            assertArrayEquals(first, receivedSoFar());

            pty.stop();
            SerialLinkState.Lost lost = next(SerialLinkState.Lost.class);
            assertTrue(lost.reason().contains("EIO"), lost.reason());
            next(SerialLinkState.Missing.class);
            // retrying every 100..400 ms for 1.5 s: still missing is not news
            assertNull(events.poll(1500, TimeUnit.MILLISECONDS), "repeated state while retrying");

            pty.start();
            next(SerialLinkState.Connected.class);
            pty.writePaced(second, BAUD);
            awaitBytes(capture.length);
            assertArrayEquals(capture, receivedSoFar());
            assertEquals(0, events.size(), events.toString());
        } finally {
            pty.stop();
        }
        List<MonotonicTime> stamps = arrivalsSoFar();
        for (int i = 1; i < stamps.size(); i++) {
            assertTrue(stamps.get(i).compareTo(stamps.get(i - 1)) >= 0, "stamps went backwards at chunk " + i);
        }
    }

    /**
     * jSerialComm's exclusivity is an advisory flock(): a process holding that lock (another jSerialComm user, or
     * flock(1) here) makes the port busy, and the adapter names it; once the lock goes, it connects by itself.
     */
    @Test
    @Timeout(30)
    void aPortLockedByAnotherProcessIsBusyNamingItThenConnectsWhenReleased() throws Exception {
        String socat = ExternalProgram.require("socat", "socat").path().toString();
        String flock = ExternalProgram.require("flock", "util-linux").path().toString();
        SocatPtyPair pty = new SocatPtyPair(socat, dir).start();
        Process holder = new ProcessBuilder(flock, "-x", pty.device.toString(), "sleep", "20").start();
        SerialLinkSettings settings = SerialLinkSettings.of(pty.device.toString(), BAUD)
                .withRetry(Duration.ofMillis(100), Duration.ofMillis(400));
        try {
            awaitHolder(pty.device.toRealPath().toString(), "sleep");
            try (SerialReceiverLink link = SerialReceiverLink.onThisHost(settings, this::accept, events::add,
                    SystemClocks.MONOTONIC)) {
                link.start();
                next(SerialLinkState.Opening.class);
                SerialLinkState.Busy busy = next(SerialLinkState.Busy.class);
                assertTrue(busy.holders().contains(new PortHolder(holder.pid(), "flock")), busy.describe());
                assertTrue(busy.describe().contains(pty.device + " (/dev/pts/"), busy.describe());
                assertNull(events.poll(1, TimeUnit.SECONDS), "repeated busy state while retrying");

                holder.descendants().forEach(ProcessHandle::destroy);
                holder.destroy();
                next(SerialLinkState.Connected.class);
            }
        } finally {
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
            pty.stop();
        }
    }

    /**
     * The flip side, documented by a test: a process that merely has the tty open (a getty, a stray cat) takes
     * no flock, so the port opens anyway; Linux ttys cannot be locked against processes that do not cooperate.
     * The adapter then logs who else has it open.
     */
    @Test
    @Timeout(30)
    void aProcessThatOnlyHasThePortOpenDoesNotBlockIt() throws Exception {
        String socat = ExternalProgram.require("socat", "socat").path().toString();
        SocatPtyPair pty = new SocatPtyPair(socat, dir).start();
        Process reader = new ProcessBuilder("sleep", "20").redirectInput(pty.device.toFile()).start();
        try {
            awaitHolder(pty.device.toRealPath().toString(), "sleep");
            try (SerialReceiverLink link = SerialReceiverLink.onThisHost(
                    SerialLinkSettings.of(pty.device.toString(), BAUD), this::accept, events::add,
                    SystemClocks.MONOTONIC)) {
                link.start();
                next(SerialLinkState.Opening.class);
                next(SerialLinkState.Connected.class);
            }
        } finally {
            reader.destroy();
            pty.stop();
        }
    }

    private static void awaitHolder(String device, String command) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (PortHolders.ofThisHost().holding(device).stream().noneMatch(h -> h.command().equals(command))) {
            if (System.nanoTime() > deadline) {
                fail(command + " never opened " + device);
            }
            Thread.sleep(20);
        }
    }

    private static int indexAfterLine(byte[] bytes, int lines) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return bytes.length;
    }
}
