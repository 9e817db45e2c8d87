package io.gnomon.fault;

import io.gnomon.nmea.SerialByteSink;
import io.gnomon.time.MonotonicTime;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sits between a serial link (real or simulated) and the NMEA pipeline and does to the bytes what the current
 * {@link SerialFault} says: pass them, drop them, or turn them into what a UART at the wrong rate assembles.
 * The fault is read per chunk, so another thread may change it; the sink is called on the link's thread only.
 */
public final class SerialFaultInjector implements SerialByteSink {
    private final SerialByteSink downstream;
    private final Supplier<SerialFault> fault;
    private volatile long droppedBytes;
    private volatile long garbledBytes;

    public SerialFaultInjector(SerialByteSink downstream, Supplier<SerialFault> fault) {
        this.downstream = Objects.requireNonNull(downstream);
        this.fault = Objects.requireNonNull(fault);
    }

    @Override
    public void accept(byte[] data, int offset, int length, MonotonicTime arrival) {
        switch (fault.get()) {
            case SerialFault.Pass p -> downstream.accept(data, offset, length, arrival);
            case SerialFault.Silence s -> droppedBytes += length;
            case SerialFault.WrongBaud w -> {
                garbledBytes += length;
                byte[] seen = UartMismatch.received(data, offset, length, w.senderBaud(), w.readerBaud());
                if (seen.length > 0) {
                    downstream.accept(seen, 0, seen.length, arrival);
                }
            }
        }
    }

    /** Bytes the link delivered that the injector withheld. */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** Bytes sent at a rate the reader does not use (what the reader got instead went downstream). */
    public long garbledBytes() {
        return garbledBytes;
    }
}
