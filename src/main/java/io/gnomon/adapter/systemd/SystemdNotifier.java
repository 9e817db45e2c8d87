package io.gnomon.adapter.systemd;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells systemd about the service's state (sd_notify(3) protocol): one datagram such as {@code READY=1} to the
 * AF_UNIX socket named by $NOTIFY_SOCKET. Java's DatagramChannel cannot use AF_UNIX (JEP 380 added Unix-domain
 * sockets to SocketChannel only), so this calls libc's socket/sendto/close through the FFM API.
 */
public final class SystemdNotifier {

    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;

    private final NotifySocketAddress address;

    private SystemdNotifier(NotifySocketAddress address) {
        this.address = address;
    }

    /** A notifier when $NOTIFY_SOCKET names a socket we can use; empty when not started by systemd with Type=notify. */
    public static Optional<SystemdNotifier> fromEnvironment(String notifySocket) {
        return NotifySocketAddress.of(notifySocket).map(SystemdNotifier::new);
    }

    /** Sends one state message, e.g. "READY=1\nSTATUS=serving". */
    public void send(String state) throws IOException {
        byte[] message = state.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Libc.CAPTURE_LAYOUT);
            int fd = (int) Libc.SOCKET.invokeExact(errno, (int) NotifySocketAddress.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed: errno " + Libc.errno(errno));
            }
            try {
                MemorySegment buf = arena.allocateFrom(ValueLayout.JAVA_BYTE, message);
                MemorySegment addr = arena.allocateFrom(ValueLayout.JAVA_BYTE, address.bytes());
                long sent = (long) Libc.SENDTO.invokeExact(errno, fd, buf, (long) message.length, MSG_NOSIGNAL,
                        addr, address.length());
                if (sent < 0) {
                    throw new IOException("sendto($NOTIFY_SOCKET) failed: errno " + Libc.errno(errno));
                }
            } finally {
                int ignored = (int) Libc.CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("calling libc failed", t);
        }
    }

    /** The libc functions, bound once. */
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO_HANDLE = CAPTURE_LAYOUT.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SOCKET = bind("socket",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                ERRNO);
        static final MethodHandle SENDTO = bind("sendto",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                ERRNO);
        static final MethodHandle CLOSE = LINKER.downcallHandle(
                LINKER.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

        private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option option) {
            return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, option);
        }

        static int errno(MemorySegment captured) {
            return (int) ERRNO_HANDLE.get(captured, 0L);
        }
    }
}
