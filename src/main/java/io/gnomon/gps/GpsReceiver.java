package io.gnomon.gps;

import io.gnomon.nmea.DecodeCounters;
import io.gnomon.nmea.FramedSentence;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.FramerOutput;
import io.gnomon.nmea.FramingCounters;
import io.gnomon.nmea.FramingReject;
import io.gnomon.nmea.NmeaFramer;
import io.gnomon.nmea.NmeaSentence;
import io.gnomon.nmea.SentenceDecoders;
import io.gnomon.nmea.SerialByteSink;
import io.gnomon.time.MonotonicTime;
import java.util.Objects;

/**
 * The whole pure receiver pipeline: serial bytes → {@link NmeaFramer} → {@link SentenceDecoders} →
 * {@link EpochAssembler} → {@link Epoch} (whose {@link Epoch#verdict()} is the {@link EpochTime} for the
 * reference clock), with every count kept. Single-threaded: the serial adapter's reader thread (or a replay) owns it.
 */
public final class GpsReceiver implements SerialByteSink {

    private final NmeaFramer framer;
    private final SentenceDecoders decoders = SentenceDecoders.standard();
    private final EpochAssembler assembler;
    private final FramingCounters framing = new FramingCounters();
    private final DecodeCounters decoding = new DecodeCounters();
    private final ReceiverListener listener;
    private long epochs;
    private long validEpochs;
    private long ppsAsserted;

    public GpsReceiver(FramerConfig config, DateResolver resolver, ReceiverListener listener) {
        this.listener = Objects.requireNonNull(listener);
        this.assembler = new EpochAssembler(resolver, this::onEpoch);
        this.framer = new NmeaFramer(config, new FramerOutput() {
            @Override
            public void sentence(FramedSentence sentence) {
                framing.sentence(sentence);
                onSentence(sentence);
            }

            @Override
            public void rejected(FramingReject reject) {
                framing.rejected(reject);
                listener.framingReject(reject);
            }
        });
    }

    /** Default framing (checksums required, 256-character cap) and dates anchored at {@code anchor} (the build date). */
    public static GpsReceiver standard(java.time.LocalDate anchor, ReceiverListener listener) {
        return new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(anchor), listener);
    }

    @Override
    public void accept(byte[] data, int offset, int length, MonotonicTime arrival) {
        framer.accept(data, offset, length, arrival);
    }

    /** Closes the open cycle when the line has been quiet for {@code quietNanos}; call from the reader's timeout. */
    public void closeCycleIfQuiet(MonotonicTime now, long quietNanos) {
        assembler.closeCycleIfQuiet(now, quietNanos);
    }

    public void endOfInput() {
        framer.endOfInput();
        assembler.endOfInput();
    }

    public FramingCounters framingCounters() {
        return framing;
    }

    public DecodeCounters decodeCounters() {
        return decoding;
    }

    public long epochs() {
        return epochs;
    }

    public long validEpochs() {
        return validEpochs;
    }

    public long ppsAssertedEpochs() {
        return ppsAsserted;
    }

    public long lateSentences() {
        return assembler.lateSentences();
    }

    private void onSentence(FramedSentence framed) {
        NmeaSentence s = decoders.decode(framed);
        decoding.count(s);
        listener.sentence(s);
        assembler.accept(s);
    }

    private void onEpoch(Epoch e) {
        epochs++;
        if (e.valid()) {
            validEpochs++;
        }
        if (e.verdict() instanceof EpochTime.Asserted) {
            ppsAsserted++;
        }
        listener.epoch(e);
    }
}
