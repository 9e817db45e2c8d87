package io.gnomon.adapter.udp.linux;

import io.gnomon.ntp.RateLimitSettings;

/**
 * How the Linux socket path runs.
 *
 * @param threadsPerAddress receive threads (each its own SO_REUSEPORT socket) per listen address
 * @param batch             datagrams per recvmmsg / sendmmsg
 * @param transmitStamp     how each reply's transmit timestamp is chosen
 * @param rateLimit         per-client rate limiting (one table per thread)
 * @param calibrateEvery    ask the kernel for transmit timestamps on one sendmmsg in this many, to learn when
 *                          each position of a sendmmsg leaves (0: never; the linear estimate alone)
 * @param sendChunk         replies per sendmmsg: a received batch is answered and sent in chunks of this
 *                          many, so a transmit timestamp is predicted at most {@code sendChunk − 1} datagrams
 *                          ahead (smaller: more exact T3, more system calls)
 */
public record LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp,
                               RateLimitSettings rateLimit, int calibrateEvery, int sendChunk) {

    /** How a reply's transmit timestamp is taken. */
    public enum TransmitStamp {
        /** Each reply: its predicted departure within the batch's sendmmsg (see {@link TransmitSchedule}). */
        PREDICTED,
        /** One clock reading for the whole batch, taken after the receive (early for later replies). */
        BATCH_START
    }

    public static final int DEFAULT_SEND_CHUNK = 8;

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
        if (calibrateEvery < 0) {
            throw new IllegalArgumentException("calibrateEvery must be >= 0: " + calibrateEvery);
        }
    }

    public LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp,
                            RateLimitSettings rateLimit) {
        this(threadsPerAddress, batch, transmitStamp, rateLimit, 16, DEFAULT_SEND_CHUNK);
    }

    /** One thread, batches of 64, predicted transmit stamps, standard rate limits. */
    public static LinuxUdpSettings standard() {
        return new LinuxUdpSettings(1, 64, TransmitStamp.PREDICTED, RateLimitSettings.standard());
    }
}
