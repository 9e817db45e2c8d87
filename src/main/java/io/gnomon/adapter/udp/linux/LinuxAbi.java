package io.gnomon.adapter.udp.linux;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux socket structures and constants Gnomon's FFM path needs, for one userland ABI.
 *
 * <p>Structures are built as {@link MemoryLayout}s from the C declarations (man 2 recvmmsg, man 3 cmsg,
 * man 7 ip, man 7 ipv6); the size of a pointer or {@code size_t} ({@code word}) is what differs between LP64
 * (x86_64, aarch64) and ILP32 (armhf). Constant values come from the kernel's
 * {@code include/uapi/asm-generic/socket.h} (torvalds/linux; also /usr/include/asm-generic/socket.h from
 * linux-libc-dev 6.x): SOL_SOCKET 1, SO_REUSEPORT 15, SO_TIMESTAMPNS_OLD 35, SO_TIMESTAMPNS_NEW 64.
 * x86_64, arm64 and arm have no socket.h of their own: their uapi Kbuild takes the asm-generic one.
 *
 * <p>Timestamps: on LP64 {@code SO_TIMESTAMPNS} (35) delivers a {@code struct timespec} of two 64-bit words.
 * On armhf the old option would deliver a 32-bit {@code time_t}; we ask for {@code SO_TIMESTAMPNS_NEW} (64,
 * Linux ≥ 5.1), which delivers {@code struct __kernel_timespec} — also two signed 64-bit values — with the
 * control message type 64. So the payload is 16 bytes everywhere; only its offset in the control message
 * differs (CMSG_ALIGN is to {@code sizeof(size_t)}: 16 on LP64, 12 on ILP32). Likewise SO_TIMESTAMPING
 * (transmit timestamps, sampled to calibrate the departure profile) is 37 (_OLD) on LP64 and 65 (_NEW,
 * {@code struct scm_timestamping64}) on armhf; its first timespec, the software one, is at CMSG_DATA.
 */
public record LinuxAbi(String name, int word, int soTimestampNs, int soTimestamping) {

    public static final LinuxAbi X86_64 = new LinuxAbi("x86_64", 8, 35, 37);
    public static final LinuxAbi AARCH64 = new LinuxAbi("aarch64", 8, 35, 37);
    public static final LinuxAbi ARMHF = new LinuxAbi("armhf", 4, 64, 65);

    // linux/net_tstamp.h: SO_TIMESTAMPING flags
    public static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
    public static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    public static final int SOF_TIMESTAMPING_OPT_ID = 1 << 7;
    public static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;
    // linux/in.h, linux/in6.h: the error-queue message that carries a transmit timestamp's key
    public static final int SOL_IP = 0;
    public static final int IP_RECVERR = 11;
    public static final int SOL_IPV6 = 41;
    public static final int IPV6_RECVERR = 25;
    // linux/in.h, linux/in6.h: the destination of a received datagram, and the source of a sent one
    public static final int IP_PKTINFO = 8;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    /** struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst, ipi_addr; } */
    public static final int IN_PKTINFO_BYTES = 12;
    /** struct in6_pktinfo { struct in6_addr ipi6_addr; int ipi6_ifindex; } */
    public static final int IN6_PKTINFO_BYTES = 20;
    public static final int MSG_ERRQUEUE = 0x2000;
    /** struct sock_extended_err (linux/errqueue.h): ee_data, the OPT_ID key, at offset 12. */
    public static final int SOCK_EE_DATA_OFFSET = 12;

    // asm-generic/socket.h and linux/socket.h, in.h, in6.h — identical on the three ABIs
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEPORT = 15;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPV6_V6ONLY = 26;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_CTRUNC = 0x08;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_WAITFORONE = 0x10000;
    public static final int SHUT_RDWR = 2;
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    /** prctl option, include/uapi/linux/prctl.h. */
    public static final int PR_SET_TIMERSLACK = 29;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;

    public static final int SOCKADDR_IN_BYTES = 16;
    public static final int SOCKADDR_IN6_BYTES = 28;
    /** sockaddr_storage is larger; sockaddr_in6 is the largest we accept. */
    public static final int SOCKADDR_MAX_BYTES = 28;
    public static final int TIMESTAMP_PAYLOAD_BYTES = 16;

    /** The ABI of the running JVM, or empty when Gnomon has no layout for it. */
    public static Optional<LinuxAbi> forOsArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            case "arm", "armhf", "aarch32" -> Optional.of(ARMHF);
            default -> Optional.empty();
        };
    }

    /** A pointer or size_t. */
    private ValueLayout wordLayout(String fieldName) {
        return (word == 8 ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT).withName(fieldName);
    }

    /** struct iovec { void *iov_base; size_t iov_len; } */
    public StructLayout iovec() {
        return MemoryLayout.structLayout(wordLayout("iov_base"), wordLayout("iov_len"));
    }

    /** struct msghdr; the int fields are padded to the word size on LP64. */
    public StructLayout msghdr() {
        return padded(
                wordLayout("msg_name"),
                ValueLayout.JAVA_INT.withName("msg_namelen"),
                wordLayout("msg_iov"),
                wordLayout("msg_iovlen"),
                wordLayout("msg_control"),
                wordLayout("msg_controllen"),
                ValueLayout.JAVA_INT.withName("msg_flags"));
    }

    /** struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; } */
    public StructLayout mmsghdr() {
        return padded(msghdr().withName("msg_hdr"), ValueLayout.JAVA_INT.withName("msg_len"));
    }

    /** struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } (data follows, aligned) */
    public StructLayout cmsghdr() {
        return padded(wordLayout("cmsg_len"), ValueLayout.JAVA_INT.withName("cmsg_level"),
                ValueLayout.JAVA_INT.withName("cmsg_type"));
    }

    /** The timestamp control message's type: the option's own number. */
    public int timestampCmsgType() {
        return soTimestampNs;
    }

    public long cmsgAlign(long n) {
        return (n + word - 1) & -word;
    }

    /** CMSG_DATA offset from the start of a control message. */
    public long cmsgDataOffset() {
        return cmsgAlign(cmsghdr().byteSize());
    }

    /** CMSG_SPACE(n). */
    public long cmsgSpace(long n) {
        return cmsgDataOffset() + cmsgAlign(n);
    }

    /** CMSG_LEN(n). */
    public long cmsgLen(long n) {
        return cmsgDataOffset() + n;
    }

    public long offset(StructLayout layout, String... path) {
        PathElement[] elements = new PathElement[path.length];
        for (int i = 0; i < path.length; i++) {
            elements[i] = PathElement.groupElement(path[i]);
        }
        return layout.byteOffset(elements);
    }

    /** Reads a pointer-sized or size_t field. */
    public long getWord(MemorySegment s, long offset) {
        return word == 8 ? s.get(ValueLayout.JAVA_LONG_UNALIGNED, offset)
                : Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, offset));
    }

    /** Writes a pointer-sized or size_t field (a pointer is written as its address). */
    public void putWord(MemorySegment s, long offset, long value) {
        if (word == 8) {
            s.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, value);
        } else {
            s.set(ValueLayout.JAVA_INT_UNALIGNED, offset, (int) value);
        }
    }

    /** A C struct: each member at its natural alignment, the whole rounded to the largest alignment. */
    private static StructLayout padded(MemoryLayout... members) {
        java.util.List<MemoryLayout> out = new java.util.ArrayList<>();
        long offset = 0;
        long maxAlign = 1;
        for (MemoryLayout m : members) {
            long align = m.byteAlignment();
            maxAlign = Math.max(maxAlign, align);
            long pad = (align - offset % align) % align;
            if (pad > 0) {
                out.add(MemoryLayout.paddingLayout(pad));
                offset += pad;
            }
            out.add(m);
            offset += m.byteSize();
        }
        long tail = (maxAlign - offset % maxAlign) % maxAlign;
        if (tail > 0) {
            out.add(MemoryLayout.paddingLayout(tail));
        }
        return MemoryLayout.structLayout(out.toArray(MemoryLayout[]::new));
    }
}
