package io.gnomon.sim;

import io.gnomon.fault.GpsFault;
import io.gnomon.gps.EpochTime;
import io.gnomon.nmea.SerialByteSink;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A GPS receiver on a serial line: once per true second it prints that second's NMEA sentences, starting a
 * model-specific delay after the edge, one byte every 10/baud seconds, in chunks as a UART would deliver them.
 * Besides the bytes it reports what a correct epoch assembler should conclude from them ({@link EpochTime}),
 * so the reference clock can be driven with or without the real NMEA path.
 */
public final class SimulatedGpsReceiver {
    private static final long NS = 1_000_000_000L;
    private static final int CHUNK = 8;

    private final SimulatedHost host;
    private final ReceiverModel model;
    private final LongUnaryOperator delayNanosAtSecond;
    private final LongFunction<GpsFault> faults;
    private final RandomGenerator random;
    private final SerialByteSink bytes;
    private final Consumer<EpochTime> epochs;
    private long cycles;

    /**
     * @param delayNanosAtSecond delay after the edge of true second index n (overrides the model's constant)
     * @param faults             the fault active at true second index n, or null
     */
    public SimulatedGpsReceiver(SimulatedHost host, ReceiverModel model, LongUnaryOperator delayNanosAtSecond,
                                LongFunction<GpsFault> faults, RandomGenerator random, SerialByteSink bytes,
                                Consumer<EpochTime> epochs) {
        this.host = host;
        this.model = model;
        this.delayNanosAtSecond = delayNanosAtSecond;
        this.faults = faults;
        this.random = random;
        this.bytes = bytes;
        this.epochs = epochs;
    }

    public void start() {
        long startTai = host.trueTai(0).nanos();
        long first = Math.floorDiv(startTai, NS) * NS + NS - startTai;
        host.clock().schedule(first, () -> cycle(first));
    }

    public long cycles() {
        return cycles;
    }

    /** At the true boundary of second n: plan that second's (or, for early senders, the next second's) output. */
    private void cycle(long boundaryTrueNanos) {
        host.clock().schedule(boundaryTrueNanos + NS, () -> cycle(boundaryTrueNanos + NS));
        long index = Math.floorDiv(boundaryTrueNanos, NS);
        GpsFault fault = faults.apply(index);
        if (fault == GpsFault.UNPLUGGED) {
            return;
        }
        long labelled = model.sendsBeforeEdge() ? boundaryTrueNanos + NS : boundaryTrueNanos;
        UtcTime label = host.trueUtc(labelled);
        boolean leap = host.trueUtc(labelled - NS).epochSecond() == label.epochSecond();
        long delay = delayNanosAtSecond.applyAsLong(index) + Math.round(random.nextGaussian() * model.delayJitterNanos());
        long firstByte = boundaryTrueNanos + Math.max(1_000_000L, Math.min(delay, NS - 50_000_000L));

        LocalDateTime wall = LocalDateTime.ofEpochSecond(label.epochSecond(), 0, ZoneOffset.UTC);
        LocalDate date = wall.toLocalDate();
        boolean valid = fault != GpsFault.FIX_LOSS && fault != GpsFault.COLD_START_NO_FIX;
        String refusal = null;
        if (fault == GpsFault.COLD_START_1980 || fault == GpsFault.COLD_START_NO_FIX) {
            date = LocalDate.of(1980, 1, 6).plusDays(index / 86_400);
            wall = date.atTime(wall.toLocalTime());
        } else if (fault == GpsFault.WEEK_ROLLOVER) {
            date = date.minusWeeks(1024);
            wall = date.atTime(wall.toLocalTime());
        }
        StringBuilder text = new StringBuilder();
        if (fault == GpsFault.GARBAGE) {
            refusal = "garbled cycle";
        }
        if (!valid) {
            refusal = "no fix";
        }
        if (fault == GpsFault.RESET_BANNER) {
            refusal = "no time sentences";
        }
        if (bytes != null) { // the sentences are only written when someone reads the bytes
            NmeaSentences.Fix fix = NmeaSentences.Fix.of(date, wall.toLocalTime(), leap, valid);
            if (fault == GpsFault.GARBAGE) {
                for (int i = 0; i < 20; i++) {
                    text.append((char) (33 + random.nextInt(90)));
                }
                text.append("\r\n");
            }
            boolean first = true;
            for (String s : fault == GpsFault.RESET_BANNER ? NmeaSentences.startupBanner(model.talker()) : model.sentences(fix)) {
                if (fault == GpsFault.GARBAGE && first && !s.contains("RMC") && s.length() > 12) {
                    s = s.substring(0, 10) + 'X' + s.substring(11); // checksum no longer matches
                }
                first = false;
                text.append(s);
            }
        }
        UtcTime claimed = UtcTime.ofEpochSecond(wall.toEpochSecond(ZoneOffset.UTC));
        byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        MonotonicTime firstArrival = host.monotonicAt(firstByte + byteNanos());
        EpochTime epoch = refusal != null ? new EpochTime.Refused(refusal, firstArrival)
                : new EpochTime.Asserted(claimed, leap, firstArrival);
        long byteNanos = byteNanos();
        for (int off = 0; bytes != null && off < data.length; off += CHUNK) {
            int len = Math.min(CHUNK, data.length - off);
            long firstDone = firstByte + (off + 1) * byteNanos;
            long lastDone = firstByte + (off + len) * byteNanos;
            int o = off;
            host.clock().schedule(lastDone, () -> bytes.accept(data, o, len, host.monotonicAt(firstDone)));
        }
        long end = firstByte + Math.max(data.length, 400) * byteNanos; // direct epochs: a typical cycle's length
        host.clock().schedule(end, () -> {
            cycles++;
            epochs.accept(epoch);
        });
    }

    private long byteNanos() {
        return 10 * NS / model.baud();
    }
}
