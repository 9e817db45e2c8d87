package io.gnomon.adapter.systemd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code struct sockaddr_un} for $NOTIFY_SOCKET (sd_notify(3)): a filesystem path, or an abstract-namespace
 * name written with a leading {@code @}. Pure: builds the bytes the kernel expects, checks nothing on disk.
 *
 * @param bytes  sun_family (AF_UNIX, native byte order) then sun_path, exactly {@code length} bytes
 */
public record NotifySocketAddress(byte[] bytes, int length) {

    static final short AF_UNIX = 1;
    /** sizeof(sun_path) on Linux */
    static final int PATH_CAPACITY = 108;

    /** Empty when the variable is unset, blank, too long, or a kind of address we do not speak (e.g. vsock:). */
    public static Optional<NotifySocketAddress> of(String notifySocket) {
        if (notifySocket == null || notifySocket.isEmpty()) {
            return Optional.empty();
        }
        byte[] path;
        boolean abstractName = notifySocket.charAt(0) == '@';
        if (abstractName) {
            path = notifySocket.getBytes(StandardCharsets.UTF_8);
            path[0] = 0;
        } else if (notifySocket.charAt(0) == '/') {
            path = notifySocket.getBytes(StandardCharsets.UTF_8);
        } else {
            return Optional.empty();
        }
        // a path is NUL-terminated inside sun_path; an abstract name is exactly its bytes (the length says where it ends)
        int pathBytes = abstractName ? path.length : path.length + 1;
        if (pathBytes > PATH_CAPACITY || path.length < 2) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.allocate(2 + PATH_CAPACITY).order(ByteOrder.nativeOrder());
        b.putShort(AF_UNIX);
        b.put(path);
        return Optional.of(new NotifySocketAddress(b.array(), 2 + pathBytes));
    }
}
