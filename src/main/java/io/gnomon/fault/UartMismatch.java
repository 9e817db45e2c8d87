package io.gnomon.fault;

import java.io.ByteArrayOutputStream;

/**
 * What a UART set to one baud rate makes of bytes sent at another. The sender's 8N1 bit stream (start bit 0, eight
 * data bits LSB first, stop bit 1, bytes back to back, idle high) is sampled as a receiver does it: wait for the
 * line to go low, sample each bit in its middle at the receiver's rate, check the stop bit. A byte with a framing
 * error (stop bit 0) is delivered as 0x00, as Linux does without IGNPAR/PARMRK; after one the receiver waits for
 * the line to go idle before looking for the next start bit. Pure.
 */
public final class UartMismatch {
    private UartMismatch() {}

    /** The bytes a reader at {@code readerBaud} assembles from {@code sent}, sent back to back at {@code senderBaud}. */
    public static byte[] received(byte[] sent, int offset, int length, int senderBaud, int readerBaud) {
        double end = (length * 10 + 10) / (double) senderBaud;
        double rxBit = 1.0 / readerBaud;
        double step = rxBit / 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double t = 0;
        while (t < end) {
            if (level(sent, offset, length, senderBaud, t) == 1) {
                t += step;
                continue;
            }
            int value = 0;
            for (int k = 0; k < 8; k++) {
                value |= level(sent, offset, length, senderBaud, t + (k + 1.5) * rxBit) << k;
            }
            double stopAt = t + 9.5 * rxBit;
            boolean framingError = level(sent, offset, length, senderBaud, stopAt) == 0;
            out.write(framingError ? 0 : value);
            t = stopAt;
            if (framingError) {
                while (t < end && level(sent, offset, length, senderBaud, t) == 0) {
                    t += step;
                }
            }
        }
        return out.toByteArray();
    }

    public static byte[] received(byte[] sent, int senderBaud, int readerBaud) {
        return received(sent, 0, sent.length, senderBaud, readerBaud);
    }

    private static int level(byte[] sent, int offset, int length, int baud, double t) {
        long bit = (long) Math.floor(t * baud + 1e-9);
        long index = bit / 10;
        if (bit < 0 || index >= length) {
            return 1;
        }
        int pos = (int) (bit % 10);
        if (pos == 0) {
            return 0;
        }
        if (pos == 9) {
            return 1;
        }
        return (sent[offset + (int) index] >> (pos - 1)) & 1;
    }
}
