package io.gnomon.adapter.serial;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat: the adapter opens {@code device}, the test writes to {@code feed}.
 * Each end is a symlink (socat's {@code link=}) to a /dev/pts/N that exists only while socat runs.
 */
public final class SocatPtyPair implements AutoCloseable {
    public final Path device;
    public final Path feed;
    private final String socat;
    private final Path log;
    private Process process;

    public SocatPtyPair(String socat, Path dir) {
        this.socat = socat;
        this.device = dir.resolve("gps");
        this.feed = dir.resolve("feed");
        this.log = dir.resolve("socat.log");
    }

    /** Starts socat and waits until both links lead to existing pseudo-terminals. */
    public SocatPtyPair start() throws IOException, InterruptedException {
        process = new ProcessBuilder(socat, "-d", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + feed)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(device) && Files.exists(feed))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("socat did not create its ptys: " + Files.readString(log));
            }
            Thread.sleep(10);
        }
        return this;
    }

    /** Ends socat (SIGTERM): the ptys disappear and socat removes its links. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Writes {@code bytes} to the feed end at serial pace: {@code baud}/10 bytes per second, in small chunks. */
    public void writePaced(byte[] bytes, int baud) throws IOException, InterruptedException {
        long nanosPerByte = 10L * 1_000_000_000L / baud;
        try (OutputStream out = Files.newOutputStream(feed)) {
            long start = System.nanoTime();
            int chunk = 16;
            for (int i = 0; i < bytes.length; i += chunk) {
                int n = Math.min(chunk, bytes.length - i);
                long due = start + (long) (i + n) * nanosPerByte;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                out.write(bytes, i, n);
                out.flush();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
