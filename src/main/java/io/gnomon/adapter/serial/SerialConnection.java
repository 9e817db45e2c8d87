package io.gnomon.adapter.serial;

import java.util.Optional;

/** An open serial port, read by one thread. {@link #close()} may be called from another thread to end a read. */
public interface SerialConnection extends AutoCloseable {

    /** The real device that was opened (symlinks resolved), e.g. /dev/ttyAMA0 or /dev/pts/3. */
    String device();

    /**
     * Reads what is available into {@code buffer}, waiting up to the read timeout for the first byte.
     *
     * @return the number of bytes read (&gt; 0), 0 when nothing arrived within the timeout, or -1 when the port is
     *     lost (then {@link #lossReason()} says why and the connection is useless).
     */
    int read(byte[] buffer);

    /** Why the last read returned -1, for an operator. */
    String lossReason();

    /**
     * Checks that the configured path still leads to the device that was opened. Empty when it does; otherwise
     * the reason (path gone, or it now leads to another device node). Used while the port is silent, because some
     * drivers never report an unplug on the open descriptor.
     */
    Optional<String> vanished();

    @Override
    void close();
}
