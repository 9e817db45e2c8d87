package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gnomon.adapter.serial.SocatPtyPair;
import io.gnomon.adapter.state.ConfigFile;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.appliance.ExternalProgram;
import io.gnomon.cli.RunCommand;
import io.gnomon.config.ConfigResult;
import io.gnomon.config.GnomonConfig;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpMode;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.ntp.NtpShort;
import io.gnomon.ntp.NtpTimestamp;
import io.gnomon.ntp.RefId;
import io.gnomon.refclock.LockState;
import io.gnomon.testing.HatPlayer;
import io.gnomon.testing.LogCapture;
import io.gnomon.time.UtcTime;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real appliance end to end, with fakes of the kernel interfaces only: {@code gnomon run}'s composition
 * ({@link Appliance}) reads a configuration file naming a socat pseudo-terminal as the receiver's serial port and a
 * directory shaped like {@code /sys/class/pps/ppsN} as the PPS device. A test thread plays the GPS HAT in real
 * time: at each true second of the host clock it writes the edge's CLOCK_REALTIME (± 1 µs) to the assert file,
 * and 100 ms later RMC + GGA naming that second to the pty. NTP requests over loopback read what is served.
 *
 * <p>Configuration paths must be under /dev (the parser accepts only device paths there), so the pty links and the
 * fake sysfs directory live in a private directory under /dev/shm, removed afterwards.
 */
@Tag("external")
public class ApplianceAcceptanceTest {
    private static final long NS = 1_000_000_000L;

    @Test
    void servesStratumOneFromPpsLocksAfterTheSerialPortAppearsAndDegradesHonestly(@TempDir Path tmp) throws Exception {
        Path socat = ExternalProgram.require("socat");
        Path dev = Files.createTempDirectory(Path.of("/dev/shm"), "gnomon-wiring-");
        LogCapture logBytes = new LogCapture();
        SocatPtyPair pty = new SocatPtyPair(socat.toString(), dev);
        RecordingKernelClock kernel = new RecordingKernelClock();
        HatPlayer gps = null;
        Appliance appliance = null;
        try {
            Path ppsDir = Files.createDirectories(dev.resolve("pps0"));
            Files.writeString(ppsDir.resolve("assert"), "0.000000000#0\n");
            Path conf = tmp.resolve("gnomon.conf");
            Files.writeString(conf, String.join("\n",
                    "reference gps",
                    "serial-device " + pty.device,
                    "serial-baud 115200",
                    "pps kernel " + ppsDir,
                    "nmea-delay-class short",
                    "listen 127.0.0.1 0",
                    "state-directory " + tmp.resolve("state"),
                    "clock-discipline none", ""));
            GnomonConfig config = switch (ConfigFile.load(conf)) {
                case ConfigResult.Valid v -> v.config();
                case ConfigResult.Invalid i -> throw new AssertionError("config rejected: " + i.errors());
            };
            // the holdover limit is not a directive yet: 5 µs, so that after losing PPS the state machine moves on
            // (holdover → NMEA only, refid GPS) within seconds, and losing NMEA too ends in LI=3
            // clock-discipline kernel's wiring, with a kernel clock that records and changes nothing (the real one would
            // steer this machine): the loop must leave STA_UNSYNC set until lock, clear it while locked, set it at LI=3
            appliance = Appliance.start(config, RunCommand.udpAddresses(config.listen()),
                    Appliance.Tuning.defaults().withHoldoverLimit(5e-6).withKernelClock(kernel));
            ListenAddress at = appliance.listening().getFirst();
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", at.port());

            // 1. no serial device yet: the server answers, honestly unsynchronised, and says why once
            Reply first = query(server);
            assertEquals(LeapIndicator.UNSYNCHRONISED, first.packet.leap());
            gps = new HatPlayer(pty, ppsDir).start();
            Thread.sleep(2_000);
            String missingLine = "serial port " + pty.device + " is missing";
            assertEquals(1, logBytes.countLines(missingLine), logBytes.text());
            assertEquals(LeapIndicator.UNSYNCHRONISED, query(server).packet.leap());

            // 2. the pty appears: stratum 1, refid PPS, LI=0, served time within 1 ms of the host clock
            pty.start();
            // a pty keeps what was written before its other end was opened; a UART does not. Feed only once
            // gnomon has the port, so that no stale sentence reaches it with a late arrival time.
            long until = System.nanoTime() + 15 * NS;
            while (logBytes.countLines(pty.device + " (") == 0 || !logBytes.text().contains("connected at")) {
                assertTrue(System.nanoTime() < until, "the serial link never connected\n" + logBytes.text());
                Thread.sleep(50);
            }
            gps.openFeed();
            Reply locked = await(server, 20, r -> r.packet.stratum() == 1 && r.refId().equals("PPS")
                    && r.packet.leap() == LeapIndicator.NO_WARNING, appliance, logBytes);
            assertEquals(1, logBytes.countLines(missingLine), "the missing device is reported once, not per retry");
            await(server, 5, r -> kernel.synchronised(), appliance, logBytes);
            assertTrue(logBytes.text().contains("kernel clock as found: frequency +0.000 ppm"), logBytes.text());
            assertTrue(kernel.askedForFrequency(), "the loop sets the kernel frequency once locked");
            assertFalse(kernel.stepped, "no step: the fake edges are on the host clock's own seconds");
            Reply check = bestOf(server, 8); // the least-delayed exchange: a loaded machine delays some replies
            assertEquals("PPS", check.refId());
            assertTrue(Math.abs(check.offsetNanos) < 1_000_000, "offset vs host clock: " + check);
            // the lock holds (and the receiver's delay is measured long enough for NMEA-only serving later)
            for (int i = 0; i < 12; i++) {
                Thread.sleep(1_000);
                Reply r = query(server);
                assertTrue(r.packet.stratum() == 1 && r.refId().equals("PPS"), "lock lost: " + r + " " + appliance.status());
            }

            // 3. PPS stops: after the PPS timeout, holdover (served as PPS, error bound growing) or NMEA-only
            //    (refid GPS), as the state machine decides
            gps.pps = false;
            Appliance running = appliance;
            Reply degraded = await(server, 12, r -> r.packet.leap() == LeapIndicator.NO_WARNING
                    && (r.refId().equals("GPS") || running.status().state() == LockState.HOLDOVER), appliance, logBytes);
            if (degraded.refId().equals("PPS")) {
                double before = appliance.status().errorBoundSeconds();
                Thread.sleep(1_000);
                if (appliance.status().state() == LockState.HOLDOVER) {
                    assertTrue(appliance.status().errorBoundSeconds() > before, "the holdover bound grows");
                    assertTrue(query(server).packet.rootDispersion().toSeconds() >= before - 16e-6,
                            "root dispersion carries the bound");
                }
            }

            // 4. NMEA stops too: nothing left to vouch for the time → leap indicator 3
            gps.nmea = false;
            await(server, 25, r -> r.packet.leap() == LeapIndicator.UNSYNCHRONISED,
                    appliance, logBytes);
            assertEquals(LockState.UNSYNCHRONISED, appliance.status().state());
            Thread.sleep(1_500);
            assertFalse(kernel.synchronised(), "STA_UNSYNC set again once the reference no longer vouches");
            // the host clock is checked every 100 ms: on a busy machine that must not invent a step
            assertEquals(0, logBytes.countLines("host clock stepped"), logBytes.text());
        } finally {
            if (gps != null) {
                gps.close();
            }
            if (appliance != null) {
                appliance.close();
            }
            pty.close();
            logBytes.close();
            try (Stream<Path> s = Files.walk(dev)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // more than 16 labelled edges while locked: the model's frequency is worth keeping and is saved at stop;
        // the fake edges are on the host clock's own seconds, so the host clock's frequency error is ~0
        Path stateFile = tmp.resolve("state").resolve(Appliance.STATE_FILE_NAME);
        assertTrue(logBytes.text().contains("saved to " + stateFile), logBytes.text());
        double saved = new io.gnomon.adapter.state.StateFile(stateFile).read().orElseThrow().frequency();
        assertTrue(Math.abs(saved) < 5e-6, "saved frequency " + saved);
    }

    private static Reply await(InetSocketAddress server, int seconds, Predicate<Reply> wanted, Appliance a,
                               LogCapture logBytes) throws Exception {
        long deadline = System.nanoTime() + seconds * NS;
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = query(server);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail("not within " + seconds + " s; last reply " + last + "; reference " + a.status() + "\n"
                + logBytes.text());
    }

    private static Reply bestOf(InetSocketAddress server, int n) throws Exception {
        Reply best = null;
        for (int i = 0; i < n; i++) {
            Reply r = query(server);
            if (best == null || r.delayNanos < best.delayNanos) {
                best = r;
            }
            Thread.sleep(20);
        }
        return best;
    }

    public record Reply(NtpPacket packet, double offsetNanos, long delayNanos) {
        String refId() {
            return packet.refId().ascii();
        }

        @Override
        public String toString() {
            return "LI=" + packet.leap() + " stratum " + packet.stratum() + " refid " + refId() + " dispersion "
                    + packet.rootDispersion().toSeconds() + " s offset " + offsetNanos + " ns delay " + delayNanos + " ns";
        }
    }

    public static Reply query(InetSocketAddress server) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(2_000);
            UtcTime t1 = now();
            NtpPacket request = new NtpPacket(LeapIndicator.NO_WARNING, 4, NtpMode.CLIENT, 0, 0, 0, NtpShort.ZERO,
                    NtpShort.ZERO, new RefId(0), NtpTimestamp.ZERO, NtpTimestamp.ZERO, NtpTimestamp.ZERO,
                    NtpTimestamp.of(t1));
            byte[] out = new byte[NtpPacket.HEADER_LENGTH];
            request.encode(ByteBuffer.wrap(out), 0);
            s.send(new DatagramPacket(out, out.length, server));
            byte[] in = new byte[512];
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return fail("no NTP reply from " + server);
            }
            UtcTime t4 = now();
            NtpPacket reply = NtpPacket.decode(ByteBuffer.wrap(in, 0, p.getLength()));
            assertEquals(NtpMode.SERVER, reply.mode());
            assertEquals(NtpTimestamp.of(t1), reply.originTime(), "reply answers our request");
            long t2 = reply.receiveTime().toUtc(t1).epochNanos();
            long t3 = reply.transmitTime().toUtc(t1).epochNanos();
            return new Reply(reply, ((t2 - t1.epochNanos()) + (t3 - t4.epochNanos())) / 2.0,
                    (t4.epochNanos() - t1.epochNanos()) - (t3 - t2));
        }
    }

    private static UtcTime now() {
        Instant i = Instant.now();
        return new UtcTime(i.getEpochSecond() * NS + i.getNano());
    }

    /** A kernel clock that records what it is asked and keeps its frequency (as if ADJ_FREQUENCY were ignored). */
    private static final class RecordingKernelClock implements io.gnomon.discipline.KernelClock {
        private volatile boolean unsynchronised = true;
        private volatile boolean frequencyAsked;
        private volatile boolean stepped;

        @Override
        public io.gnomon.discipline.KernelClockState read() {
            return new io.gnomon.discipline.KernelClockState(0, 10_000, 16_000_000, 16_000_000, unsynchronised,
                    io.gnomon.discipline.KernelLeap.NONE, unsynchronised ? 0x40 : 0, 0, unsynchronised ? 5 : 0);
        }

        @Override
        public io.gnomon.discipline.KernelClockState adjust(io.gnomon.discipline.KernelClockAdjustment a) {
            a.stepNanos().ifPresent(n -> stepped = true);
            a.frequencyPpm().ifPresent(p -> frequencyAsked = true);
            a.synchronised().ifPresent(s -> unsynchronised = !s);
            return read();
        }

        boolean synchronised() {
            return !unsynchronised;
        }

        boolean askedForFrequency() {
            return frequencyAsked;
        }
    }
}
