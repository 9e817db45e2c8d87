package io.gnomon.adapter.udp.linux;

/**
 * How the Linux socket path runs.
 *
 * @param threadsPerAddress receive threads (each its own SO_REUSEPORT socket) per listen address
 * @param batch             datagrams per recvmmsg / sendmmsg
 * @param transmitStamp     how each reply's transmit timestamp is chosen
 * @param calibrateEvery    ask the kernel for transmit timestamps on one sendmmsg in this many, to learn when
 *                          each position of a sendmmsg leaves (0: never; the linear estimate alone)
 * @param sendChunk         replies per sendmmsg: a received batch is answered and sent in chunks of this
 *                          many, so a transmit timestamp is predicted at most {@code sendChunk − 1} datagrams
 *                          ahead (smaller: more exact T3, more system calls)
 * @param smallSendChunk    replies per sendmmsg for a received batch smaller than {@link ReceiveLoop#LARGE_BATCH}
 *                          (requests arriving spread out); 1 = each reply sent alone right after its transmit
 *                          timestamp is read, as chronyd does, so it can never be later than the departure
 * @param gatherWaitNanos   longest pause before a receive to let requests queue up when the arrival rate is
 *                          high (see {@link GatherPolicy}); 0 = never pause
 * @param interleave        interleaved server mode (chrony's xleave): every reply asks the kernel for its
 *                          transmit timestamp and the core gets it, so a client that asks gets the previous
 *                          reply's exact departure (see {@link io.gnomon.ntp.InterleavedExchanges}); needs
 *                          calibrateEvery > 0
 * @param receiveBufferBytes the socket receive buffer asked for (SO_RCVBUFFORCE where permitted, else
 *                          SO_RCVBUF up to net.core.rmem_max); it rides out pauses of the receive thread;
 *                          0 = leave the kernel's default
 */
public record LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp, int calibrateEvery, int sendChunk, int smallSendChunk,
                               long gatherWaitNanos, int receiveBufferBytes, boolean interleave) {

    /** How a reply's transmit timestamp is taken. */
    public enum TransmitStamp {
        /** Each reply: its predicted departure within the batch's sendmmsg (see {@link TransmitSchedule}). */
        PREDICTED,
        /** One clock reading for the whole batch, taken after the receive (early for later replies). */
        BATCH_START
    }

    public static final int DEFAULT_SEND_CHUNK = 4;
    public static final int DEFAULT_SMALL_SEND_CHUNK = 1;
    public static final long DEFAULT_GATHER_WAIT_NANOS = 200_000;
    /** 32 MiB: with it a 10-minute soak at half capacity lost nothing through ~100 ms pauses (docs/RELIABILITY.md). */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 32 << 20;

    public LinuxUdpSettings {
        if (threadsPerAddress < 1 || threadsPerAddress > 64) {
            throw new IllegalArgumentException("threads per address must be 1-64: " + threadsPerAddress);
        }
        if (batch < 1 || batch > 1024) {
            throw new IllegalArgumentException("batch must be 1-1024: " + batch);
        }
        if (sendChunk < 1) {
            throw new IllegalArgumentException("sendChunk must be >= 1: " + sendChunk);
        }
        if (smallSendChunk < 1) {
            throw new IllegalArgumentException("smallSendChunk must be >= 1: " + smallSendChunk);
        }
        if (gatherWaitNanos < 0 || gatherWaitNanos > 10_000_000L) {
            throw new IllegalArgumentException("gather wait must be 0-10 ms: " + gatherWaitNanos + " ns");
        }
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("receive buffer must be >= 0: " + receiveBufferBytes);
        }
        if (calibrateEvery < 0) {
            throw new IllegalArgumentException("calibrateEvery must be >= 0: " + calibrateEvery);
        }
    }

    /** Interleaved mode on. */
    public LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp, int calibrateEvery,
                            int sendChunk, int smallSendChunk, long gatherWaitNanos, int receiveBufferBytes) {
        this(threadsPerAddress, batch, transmitStamp, calibrateEvery, sendChunk, smallSendChunk, gatherWaitNanos,
                receiveBufferBytes, true);
    }

    /** The same settings with one receive thread and the kernel's default receive buffer (for {@link PathWarmup}). */
    LinuxUdpSettings forWarmup() {
        return new LinuxUdpSettings(1, batch, transmitStamp, calibrateEvery, sendChunk, smallSendChunk,
                gatherWaitNanos, 0, interleave);
    }

    /** Default small-batch chunk, gather pause and receive buffer. */
    public LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp, int calibrateEvery,
                            int sendChunk) {
        this(threadsPerAddress, batch, transmitStamp, calibrateEvery, sendChunk, DEFAULT_SMALL_SEND_CHUNK,
                DEFAULT_GATHER_WAIT_NANOS, DEFAULT_RECEIVE_BUFFER_BYTES);
    }

    public LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp) {
        this(threadsPerAddress, batch, transmitStamp, 16, DEFAULT_SEND_CHUNK);
    }

    /** One thread, batches of 64, predicted transmit stamps. */
    public static LinuxUdpSettings standard() {
        return new LinuxUdpSettings(1, 64, TransmitStamp.PREDICTED);
    }
}
