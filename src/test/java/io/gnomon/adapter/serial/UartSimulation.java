package io.gnomon.adapter.serial;

import java.io.ByteArrayOutputStream;

/**
 * What a UART set to one baud rate makes of bytes sent at another: the sender's 8N1 bit stream (start bit 0,
 * eight data bits LSB first, stop bit 1, back to back, idle high) is sampled the way a receiver does it — wait for
 * the line to go low, sample each bit in its middle at the receiver's rate, check the stop bit. A byte with a
 * framing error (stop bit 0) is delivered as 0x00, as Linux does without IGNPAR/PARMRK.
 */
final class UartSimulation {
    private UartSimulation() {}

    static byte[] received(byte[] sent, int senderBaud, int receiverBaud) {
        double end = (sent.length * 10 + 10) / (double) senderBaud;
        double rxBit = 1.0 / receiverBaud;
        double step = rxBit / 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double t = 0;
        while (t < end) {
            if (level(sent, senderBaud, t) == 1) {
                t += step;
                continue;
            }
            int value = 0;
            for (int k = 0; k < 8; k++) {
                value |= level(sent, senderBaud, t + (k + 1.5) * rxBit) << k;
            }
            double stopAt = t + 9.5 * rxBit;
            boolean framingError = level(sent, senderBaud, stopAt) == 0;
            out.write(framingError ? 0 : value);
            t = stopAt;
            if (framingError) { // a receiver waits for the line to go idle before looking for the next start bit
                while (t < end && level(sent, senderBaud, t) == 0) {
                    t += step;
                }
            }
        }
        return out.toByteArray();
    }

    private static int level(byte[] sent, int baud, double t) {
        long bit = (long) Math.floor(t * baud + 1e-9);
        long index = bit / 10;
        if (bit < 0 || index >= sent.length) {
            return 1;
        }
        int pos = (int) (bit % 10);
        if (pos == 0) {
            return 0;
        }
        if (pos == 9) {
            return 1;
        }
        return (sent[(int) index] >> (pos - 1)) & 1;
    }
}
