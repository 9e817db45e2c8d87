package io.gnomon.adapter.serial;

/** Opens a serial device at a baud rate, 8N1, no flow control. The seam between the retry logic and jSerialComm. */
@FunctionalInterface
public interface SerialPortOpener {
    OpenOutcome open(String path, int baud);
}
