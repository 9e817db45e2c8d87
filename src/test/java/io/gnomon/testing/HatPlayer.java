package io.gnomon.testing;

import io.gnomon.adapter.serial.SocatPtyPair;
import io.gnomon.sim.NmeaSentences;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plays a GPS HAT in real time against a fake sysfs PPS directory and a socat pty: at each true second of the host
 * clock it writes the edge's CLOCK_REALTIME (± 1 µs) to {@code assert}, and 100 ms later RMC + GGA naming that
 * second to the pty (once {@link #openFeed} was called). {@link #pps} and {@link #nmea} switch either off.
 */
public final class HatPlayer implements AutoCloseable {
    private static final long NS = 1_000_000_000L;
    private final SocatPtyPair pty;
    private final Path ppsDir;
    private final Thread thread;
    private final SplittableRandom random = new SplittableRandom(7);
    private volatile OutputStream feed;
    public volatile boolean pps = true;
    public volatile boolean nmea = true;
    private volatile boolean running = true;
    private volatile long sequence;

    public HatPlayer(SocatPtyPair pty, Path ppsDir) {
        this.pty = pty;
        this.ppsDir = ppsDir;
        this.thread = Thread.ofPlatform().name("test-gps-player").daemon().unstarted(this::run);
    }

    public HatPlayer start() {
        thread.start();
        return this;
    }

    /** Starts writing sentences to the pty (a pty keeps what was written before its other end was opened). */
    public void openFeed() throws Exception {
        feed = Files.newOutputStream(pty.feed);
    }

    /** PPS edges written to the sysfs file so far. */
    public long edgesWritten() {
        return sequence;
    }

    private void run() {
        try {
            while (running) {
                long second = Math.floorDiv(now(), NS) + 1;
                sleepUntil(second * NS);
                if (pps) {
                    long edge = second * NS + random.nextLong(-1_000, 1_001);
                    long n = sequence + 1;
                    Path tmp = ppsDir.resolve("assert.tmp");
                    Files.writeString(tmp, String.format(Locale.ROOT, "%d.%09d#%d%n",
                            Math.floorDiv(edge, NS), Math.floorMod(edge, NS), n));
                    Files.move(tmp, ppsDir.resolve("assert"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    sequence = n;
                }
                sleepUntil(second * NS + 100_000_000L);
                OutputStream out = feed;
                if (nmea && out != null) {
                    ZonedDateTime t = Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC);
                    NmeaSentences.Fix fix = new NmeaSentences.Fix(t.toLocalDate(), t.getHour(), t.getMinute(),
                            t.getSecond(), 0, true);
                    out.write((NmeaSentences.rmc("GP", fix) + NmeaSentences.gga("GP", fix))
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Exception e) {
            if (running) {
                e.printStackTrace();
            }
        }
    }

    private static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * NS + i.getNano();
    }

    private static void sleepUntil(long epochNanos) throws InterruptedException {
        long wait = epochNanos - now();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.interrupt();
        thread.join(3_000);
        OutputStream out = feed;
        if (out != null) {
            out.close();
        }
    }
}
