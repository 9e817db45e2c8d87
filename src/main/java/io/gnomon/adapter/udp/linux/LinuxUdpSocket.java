package io.gnomon.adapter.udp.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** One UDP socket opened through libc: kernel receive timestamps on, optionally SO_REUSEPORT. */
final class LinuxUdpSocket implements AutoCloseable {
    private final int fd;
    private final int family;
    private final MemorySegment errno;
    private final Arena arena;
    private volatile boolean closed;
    private ReceiveBuffer receiveBuffer;

    private LinuxUdpSocket(int fd, int family, Arena arena, MemorySegment errno) {
        this.fd = fd;
        this.family = family;
        this.arena = arena;
        this.errno = errno;
    }

    /** socket + setsockopt (timestamps, reuseport, v6only=0 for a wildcard v6) + bind. */
    static LinuxUdpSocket open(LinuxAbi abi, InetSocketAddress local, boolean reusePort, int receiveBuffer,
                               boolean transmitTimestamps) throws IOException {
        Arena arena = Arena.ofShared();
        MemorySegment st = Libc.newErrnoState(arena);
        InetAddress ip = local.getAddress();
        int family = ip instanceof Inet6Address ? LinuxAbi.AF_INET6 : LinuxAbi.AF_INET;
        int fd = Libc.socket(st, family, LinuxAbi.SOCK_DGRAM | LinuxAbi.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            int e = Libc.errno(st);
            arena.close();
            throw new IOException(describe(e, "socket()"));
        }
        LinuxUdpSocket s = new LinuxUdpSocket(fd, family, arena, st);
        try {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_INT);
            one.set(ValueLayout.JAVA_INT, 0, 1);
            s.check(Libc.setsockopt(st, fd, LinuxAbi.SOL_SOCKET, abi.soTimestampNs(), one, 4),
                    "setsockopt(SO_TIMESTAMPNS=" + abi.soTimestampNs() + ")");
            if (transmitTimestamps) {
                // report software timestamps with a per-socket key and no payload; which datagrams get a
                // transmit timestamp is chosen per message (a SO_TIMESTAMPING control message on sendmmsg)
                MemorySegment flags = arena.allocate(ValueLayout.JAVA_INT);
                flags.set(ValueLayout.JAVA_INT, 0, LinuxAbi.SOF_TIMESTAMPING_SOFTWARE
                        | LinuxAbi.SOF_TIMESTAMPING_OPT_ID | LinuxAbi.SOF_TIMESTAMPING_OPT_TSONLY);
                s.check(Libc.setsockopt(st, fd, LinuxAbi.SOL_SOCKET, abi.soTimestamping(), flags, 4),
                        "setsockopt(SO_TIMESTAMPING=" + abi.soTimestamping() + ")");
            }
            if (reusePort) {
                s.check(Libc.setsockopt(st, fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_REUSEPORT, one, 4),
                        "setsockopt(SO_REUSEPORT)");
            }
            boolean forced = false;
            if (receiveBuffer > 0) {
                MemorySegment size = arena.allocate(ValueLayout.JAVA_INT);
                size.set(ValueLayout.JAVA_INT, 0, receiveBuffer);
                // past net.core.rmem_max when allowed (CAP_NET_ADMIN), else as far as it lets us: the buffer
                // rides out a pause of the receive thread (GC, preemption) without losing requests
                forced = Libc.setsockopt(st, fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_RCVBUFFORCE, size, 4) == 0;
                if (!forced) {
                    s.check(Libc.setsockopt(st, fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_RCVBUF, size, 4),
                            "setsockopt(SO_RCVBUF)");
                }
            }
            s.receiveBuffer = new ReceiveBuffer(receiveBuffer, s.intOption(LinuxAbi.SOL_SOCKET, LinuxAbi.SO_RCVBUF,
                    "getsockopt(SO_RCVBUF)"), forced);
            if (family == LinuxAbi.AF_INET6 && ip.isAnyLocalAddress()) {
                MemorySegment zero = arena.allocate(ValueLayout.JAVA_INT);
                s.check(Libc.setsockopt(st, fd, LinuxAbi.IPPROTO_IPV6, LinuxAbi.IPV6_V6ONLY, zero, 4),
                        "setsockopt(IPV6_V6ONLY=0)");
            }
            if (ip.isAnyLocalAddress()) {
                // bound to every address: learn each request's destination, so the reply leaves from it
                if (family == LinuxAbi.AF_INET) {
                    s.check(Libc.setsockopt(st, fd, LinuxAbi.SOL_IP, LinuxAbi.IP_PKTINFO, one, 4),
                            "setsockopt(IP_PKTINFO)");
                } else {
                    s.check(Libc.setsockopt(st, fd, LinuxAbi.SOL_IPV6, LinuxAbi.IPV6_RECVPKTINFO, one, 4),
                            "setsockopt(IPV6_RECVPKTINFO)");
                }
            }
            MemorySegment addr = arena.allocate(LinuxAbi.SOCKADDR_MAX_BYTES, 8);
            int len = SocketAddresses.write(addr, local);
            s.check(Libc.bind(st, fd, addr, len), "bind(" + local + ")");
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void check(int rc, String what) throws IOException {
        if (rc < 0) {
            String text = describe(Libc.errno(errno), what);
            boolean option = what.startsWith("setsockopt") || what.startsWith("getsockopt");
            throw option ? new SocketOptionRefused(text) : new IOException(text);
        }
    }

    /**
     * The kernel refused a socket option the Linux path needs (an old kernel, a wrong constant for this ABI,
     * a sandbox): not a problem with the address, so the portable path can still serve it.
     */
    static final class SocketOptionRefused extends IOException {
        SocketOptionRefused(String message) {
            super(message);
        }
    }

    /** The errno texts ListenException recognises (as the JDK words them), else the call and number. */
    static String describe(int errno, String what) {
        return switch (errno) {
            case 13 -> "Permission denied";
            case 97 -> "Address family not supported by protocol";
            case 98 -> "Address already in use";
            case 99 -> "Cannot assign requested address";
            default -> what + " failed, errno " + errno;
        };
    }

    /** One int-valued socket option as the kernel reports it. */
    private int intOption(int level, int name, String what) throws IOException {
        MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
        len.set(ValueLayout.JAVA_INT, 0, 4);
        check(Libc.getsockopt(errno, fd, level, name, value, len), what);
        return value.get(ValueLayout.JAVA_INT, 0);
    }

    /** The receive buffer asked for and the one the kernel reported right after it was set. */
    ReceiveBuffer receiveBuffer() {
        return receiveBuffer;
    }

    int fd() {
        return fd;
    }

    int family() {
        return family;
    }

    /** The bound address (to learn the port after binding port 0). */
    InetSocketAddress localAddress() throws IOException {
        MemorySegment addr = arena.allocate(LinuxAbi.SOCKADDR_MAX_BYTES, 8);
        MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
        len.set(ValueLayout.JAVA_INT, 0, LinuxAbi.SOCKADDR_MAX_BYTES);
        check(Libc.getsockname(errno, fd, addr, len), "getsockname");
        try {
            return SocketAddresses.read(addr, len.get(ValueLayout.JAVA_INT, 0));
        } catch (UnknownHostException e) {
            throw new IOException(e);
        }
    }

    /** Wakes a thread blocked in recvmmsg on this socket (it returns 0). */
    void shutdown() {
        try (Arena call = Arena.ofConfined()) { // not this socket's arena: the loop may close that meanwhile
            synchronized (this) {
                if (!closed) {
                    Libc.shutdown(Libc.newErrnoState(call), fd, LinuxAbi.SHUT_RDWR);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(errno, fd);
            arena.close();
        }
    }
}
