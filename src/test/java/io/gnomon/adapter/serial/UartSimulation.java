package io.gnomon.adapter.serial;

/**
 * What a UART set to one baud rate makes of bytes sent at another: the model lives in
 * {@link io.gnomon.fault.UartMismatch} (the fault drills use it too).
 */
final class UartSimulation {
    private UartSimulation() {}

    static byte[] received(byte[] sent, int senderBaud, int receiverBaud) {
        return io.gnomon.fault.UartMismatch.received(sent, senderBaud, receiverBaud);
    }
}
