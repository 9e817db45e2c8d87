package io.gnomon.adapter.udp.linux;

import java.util.Optional;

/**
 * A socket's receive buffer: what was asked for and what the kernel gave. Requests that arrive while the receive
 * thread is not running (a GC pause, the scheduler running something else) wait in it; once it is full the kernel
 * drops them.
 *
 * <p>The kernel doubles a size set with SO_RCVBUF or SO_RCVBUFFORCE (room for its bookkeeping: it counts each
 * datagram's whole allocation, not its payload, against the doubled figure), and getsockopt(SO_RCVBUF) reports
 * the doubled figure. {@link #grantedBytes()} halves it back: the size as set, in the units of
 * {@code --udp-receive-buffer} and {@code net.core.rmem_max}.
 *
 * @param askedBytes  the size asked for; 0 = not set, the kernel's default (net.core.rmem_default, not doubled)
 * @param kernelBytes what getsockopt(SOL_SOCKET, SO_RCVBUF) reported after setting it
 * @param forced      SO_RCVBUFFORCE was accepted (it needs CAP_NET_ADMIN), so net.core.rmem_max did not cap it
 */
public record ReceiveBuffer(int askedBytes, int kernelBytes, boolean forced) {

    /** The size in force, as set: half the kernel's figure, or the kernel's default as is when none was asked. */
    public int grantedBytes() {
        return askedBytes == 0 ? kernelBytes : kernelBytes / 2;
    }

    /** True when the kernel gave less than was asked. */
    public boolean capped() {
        return grantedBytes() < askedBytes;
    }

    /** For the startup line, e.g. {@code receive buffer 32 MiB} or {@code receive buffer 208 KiB of 32 MiB asked}. */
    public String describe() {
        if (askedBytes == 0) {
            return "receive buffer " + size(kernelBytes) + " (the kernel's default)";
        }
        return "receive buffer " + size(grantedBytes()) + (capped() ? " of " + size(askedBytes) + " asked" : "");
    }

    /** The warning to log when the kernel gave less than asked, naming the cause and the fix. */
    public Optional<String> warning() {
        if (!capped()) {
            return Optional.empty();
        }
        String cause = forced
                ? "the kernel gave less than SO_RCVBUFFORCE asked"
                : "SO_RCVBUFFORCE was refused (it needs CAP_NET_ADMIN), so SO_RCVBUF was used and net.core.rmem_max ("
                        + grantedBytes() + " bytes) capped it";
        return Optional.of("UDP " + describe() + ": " + cause + ". Requests that arrive while the receive thread"
                + " is paused wait in this buffer; past it they are lost. The package's"
                + " /usr/lib/sysctl.d/60-gnomon.conf raises net.core.rmem_max (apply it with sysctl --system, then"
                + " restart gnomon).");
    }

    /** Exact: whole MiB, else whole KiB, else bytes. */
    static String size(int bytes) {
        if (bytes > 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
