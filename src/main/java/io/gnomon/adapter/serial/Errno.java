package io.gnomon.adapter.serial;

/** The Linux errno values jSerialComm reports from open/flock/read, with words for an operator. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EWOULDBLOCK = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EISDIR = 21;
    static final int ENOTTY = 25;

    private Errno() {}

    static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "operation not permitted (EPERM)";
            case ENOENT -> "no such file or directory (ENOENT)";
            case EIO -> "input/output error, the device went away (EIO)";
            case ENXIO -> "no such device or address (ENXIO)";
            case EWOULDBLOCK -> "locked by another process (EWOULDBLOCK)";
            case EACCES -> "permission denied (EACCES)";
            case EBUSY -> "device busy (EBUSY)";
            case ENODEV -> "no such device (ENODEV)";
            case EISDIR -> "is a directory, not a device (EISDIR)";
            case ENOTTY -> "not a terminal, so not a serial port (ENOTTY)";
            case 0 -> "closed";
            default -> "error " + errno;
        };
    }
}
