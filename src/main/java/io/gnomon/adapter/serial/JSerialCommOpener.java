package io.gnomon.adapter.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens serial ports with jSerialComm: 8N1, no flow control, semi-blocking reads with a short timeout.
 *
 * <p>What jSerialComm 2.11.2 does on Linux, checked against socat pseudo-terminals (docs/SERIAL.md has details):
 * <ul>
 *   <li>{@code getCommPort(path)} resolves symlinks (a socat {@code link=} path becomes /dev/pts/N), and for a path
 *       that does not exist it silently tries /dev/&lt;name&gt; and then throws — so existence is checked here first
 *       and the port is opened by its real path.</li>
 *   <li>The exclusive lock is an advisory {@code flock(LOCK_EX|LOCK_NB)} taken after {@code open()}; a second
 *       jSerialComm user (or {@code flock(1)}) makes {@code openPort()} fail with errno EWOULDBLOCK (11). A process
 *       that merely has the device open (a getty, a {@code cat}) does not block it.</li>
 *   <li>When the other end goes away (USB unplug, socat exits), {@code readBytes} returns -1 with errno EIO (5),
 *       while {@code isOpen()} stays true; the port must be closed and opened again.</li>
 *   <li>In {@code TIMEOUT_READ_SEMI_BLOCKING} with a timeout, a read returns as soon as one byte is available
 *       (VMIN=0, VTIME=timeout in tenths of a second), or 0 after the timeout.</li>
 * </ul>
 */
public final class JSerialCommOpener implements SerialPortOpener {
    private static final int READ_TIMEOUT_MS = 200;

    @Override
    public OpenOutcome open(String path, int baud) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            return new OpenOutcome.NotFound(whyMissing(p));
        }
        String device;
        Object identity;
        try {
            Path real = p.toRealPath();
            device = real.toString();
            identity = Files.readAttributes(real, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return new OpenOutcome.NotFound("cannot resolve: " + e.getMessage());
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            return new OpenOutcome.NotFound(device + " is not a usable port");
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            int errno = port.getLastErrorCode();
            return switch (errno) {
                case Errno.EWOULDBLOCK, Errno.EBUSY -> new OpenOutcome.Locked(device);
                case Errno.ENOENT, Errno.ENXIO, Errno.ENODEV -> new OpenOutcome.NotFound(Errno.describe(errno));
                case Errno.EACCES, Errno.EPERM -> new OpenOutcome.Failed(Errno.describe(errno)
                        + ": add the user to the group owning " + device + " (usually dialout)");
                default -> new OpenOutcome.Failed(Errno.describe(errno));
            };
        }
        return new OpenOutcome.Opened(new Connection(port, p, device, identity));
    }

    private static String whyMissing(Path p) {
        if (Files.isSymbolicLink(p)) {
            try {
                return "it is a symlink to " + Files.readSymbolicLink(p) + ", which does not exist";
            } catch (IOException e) {
                return "it is a dangling symlink";
            }
        }
        return "no such device";
    }

    private static final class Connection implements SerialConnection {
        private final SerialPort port;
        private final Path path;
        private final String device;
        private final Object identity;
        private volatile String lossReason = "";

        Connection(SerialPort port, Path path, String device, Object identity) {
            this.port = port;
            this.path = path;
            this.device = device;
            this.identity = identity;
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public int read(byte[] buffer) {
            int n;
            try {
                n = port.readBytes(buffer, buffer.length);
            } catch (RuntimeException e) {
                lossReason = "read failed: " + e;
                return -1;
            }
            if (n < 0) {
                lossReason = Errno.describe(port.getLastErrorCode());
                return -1;
            }
            return n;
        }

        @Override
        public String lossReason() {
            return lossReason;
        }

        @Override
        public Optional<String> vanished() {
            if (!Files.exists(path)) {
                return Optional.of(path + " disappeared");
            }
            try {
                Path real = path.toRealPath();
                if (!real.toString().equals(device)) {
                    return Optional.of(path + " now leads to " + real);
                }
                Object now = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
                if (!Objects.equals(now, identity)) {
                    return Optional.of(device + " was replaced by a new device node");
                }
            } catch (IOException e) {
                return Optional.of(path + " cannot be resolved: " + e.getMessage());
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            port.closePort();
        }
    }
}
