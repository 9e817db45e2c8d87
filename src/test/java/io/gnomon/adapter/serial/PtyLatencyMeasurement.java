package io.gnomon.adapter.serial;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.nmea.SerialByteSink;
import io.gnomon.testing.ExternalProgram;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a measurement for docs/SERIAL.md. Writes a capture into a socat pty pair at 9600-baud pace in
 * 16-byte writes and reports the chunk sizes the adapter reads and the latency from each write returning to the
 * sink receiving its bytes. Usage: {@code PtyLatencyMeasurement BYTES} (socat on the PATH).
 */
public final class PtyLatencyMeasurement {
    private PtyLatencyMeasurement() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("gnomon-pty");
        byte[] capture = NmeaSamples.load("mt3339-head.nmea");
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
            data[i] = capture[i % capture.length];
        }
        long[] sinkAt = new long[total];
        int[] got = {0};
        int[] chunks = {0};
        CountDownLatch connected = new CountDownLatch(1);
        SerialByteSink sink = (d, off, len, arrival) -> {
            long now = System.nanoTime();
            for (int i = 0; i < len && got[0] < total; i++) {
                sinkAt[got[0]++] = now;
            }
            chunks[0]++;
        };
        long[] writtenAt = new long[total];
        try (SocatPtyPair pty = new SocatPtyPair(ExternalProgram.require("socat", "socat").path().toString(), dir).start();
             SerialReceiverLink link = SerialReceiverLink.onThisHost(SerialLinkSettings.of(pty.device.toString(), 9600),
                     sink, s -> {
                         if (s instanceof SerialLinkState.Connected) {
                             connected.countDown();
                         }
                     }, SystemClocks.MONOTONIC)) {
            link.start();
            connected.await();
            long perByte = 10L * 1_000_000_000L / 9600;
            try (OutputStream out = Files.newOutputStream(pty.feed)) {
                long start = System.nanoTime();
                for (int i = 0; i < total; i += 16) {
                    int n = Math.min(16, total - i);
                    long wait = start + (long) (i + n) * perByte - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    out.write(data, i, n);
                    out.flush();
                    Arrays.fill(writtenAt, i, i + n, System.nanoTime());
                }
            }
            Thread.sleep(500);
        }
        long[] latency = new long[got[0]];
        for (int i = 0; i < got[0]; i++) {
            latency[i] = sinkAt[i] - writtenAt[i];
        }
        Arrays.sort(latency);
        int n = latency.length;
        System.out.printf("bytes %d/%d, %d chunks (mean %.1f bytes); write->sink latency us: p50 %d, p90 %d,"
                        + " p99 %d, max %d%n", n, total, chunks[0], n / (double) Math.max(1, chunks[0]),
                latency[n / 2] / 1000, latency[n * 9 / 10] / 1000, latency[n * 99 / 100] / 1000,
                latency[n - 1] / 1000);
    }
}
