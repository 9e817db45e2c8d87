package io.gnomon.adapter.udp.linux;

import io.gnomon.ntp.RateLimitSettings;

/**
 * How the Linux socket path runs.
 *
 * @param threadsPerAddress receive threads (each its own SO_REUSEPORT socket) per listen address
 * @param batch             datagrams per recvmmsg / sendmmsg
 * @param transmitStamp     how each reply's transmit timestamp is chosen
 * @param rateLimit         per-client rate limiting (one table per thread)
 */
public record LinuxUdpSettings(int threadsPerAddress, int batch, TransmitStamp transmitStamp,
                               RateLimitSettings rateLimit) {

    /** How a reply's transmit timestamp is taken. */
    public enum TransmitStamp {
        /** Each reply: its predicted departure within the batch's sendmmsg (see {@link TransmitSchedule}). */
        PREDICTED,
        /** One clock reading for the whole batch, taken after the receive (early for later replies). */
        BATCH_START
    }

    public LinuxUdpSettings {
        if (threadsPerAddress < 1 || threadsPerAddress > 64) {
            throw new IllegalArgumentException("threads per address must be 1-64: " + threadsPerAddress);
        }
        if (batch < 1 || batch > 1024) {
            throw new IllegalArgumentException("batch must be 1-1024: " + batch);
        }
    }

    /** One thread, batches of 64, predicted transmit stamps, standard rate limits. */
    public static LinuxUdpSettings standard() {
        return new LinuxUdpSettings(1, 64, TransmitStamp.PREDICTED, RateLimitSettings.standard());
    }
}
