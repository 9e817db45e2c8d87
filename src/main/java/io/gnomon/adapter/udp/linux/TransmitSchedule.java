package io.gnomon.adapter.udp.linux;

/**
 * Predicts when each reply of a batch leaves, so each gets its own transmit timestamp while the whole batch
 * goes out in one sendmmsg.
 *
 * <p>The responder reads the transmit clock while it handles request k of a batch of n, writing reply i.
 * Reply i will leave after the remaining {@code n − k − 1} requests are handled and the {@code i} replies
 * before it are sent, so its transmit timestamp is the clock reading plus {@code (n − k − 1)·h + i·d}, where
 * h is the cost of handling one request and d the cost of sending one reply inside sendmmsg (on loopback
 * the kernel delivers each datagram to the receiving socket inside the sender's call, so d is close to
 * uniform). Both are running averages of what the last batches took; a sample far above the usual
 * (the thread was descheduled, the JIT was compiling) is left out, and the delay is shaded early by
 * {@code earlyShade}, so a mistaken estimate makes T3 slightly early rather than late (a late T3 can put
 * T3 after the client's T4). A batch of one gets a delay of zero: the clock is read just before the send,
 * as a server sending one datagram per call does.
 *
 * <p>Pure: no clock is read here; the caller passes its readings.
 */
public final class TransmitSchedule {
    /** Weight of the newest batch in the running averages. */
    private static final double GAIN = 1.0 / 16;
    private final double earlyShade;
    private double handleNanos;
    private double sendNanos;

    public TransmitSchedule(double initialHandleNanos, double initialSendNanos, double earlyShade) {
        if (earlyShade < 0 || earlyShade >= 1) {
            throw new IllegalArgumentException("earlyShade must be in [0, 1): " + earlyShade);
        }
        this.handleNanos = initialHandleNanos;
        this.sendNanos = initialSendNanos;
        this.earlyShade = earlyShade;
    }

    /** A schedule with defaults measured on loopback (0.3 µs handling, 2 µs sending per datagram). */
    public static TransmitSchedule standard() {
        return new TransmitSchedule(300, 2_000, 0.05);
    }

    /** Samples above these (per datagram) are outliers: descheduling, compilation, page faults. */
    static final double MAX_HANDLE_SAMPLE_NANOS = 20_000;
    static final double MAX_SEND_SAMPLE_NANOS = 50_000;

    /**
     * How long after a clock reading taken while handling request {@code requestIndex} of {@code requests}
     * the reply with send position {@code replyIndex} will leave.
     */
    public long delayNanos(int requests, int requestIndex, int replyIndex) {
        double wait = (requests - requestIndex - 1) * handleNanos + replyIndex * sendNanos;
        return (long) (wait * (1 - earlyShade));
    }

    /** The batch's handling took {@code end − start} for {@code requests} requests. */
    public void observeHandling(long start, long end, int requests) {
        if (requests > 0 && end >= start) {
            double sample = (double) (end - start) / requests;
            if (sample <= MAX_HANDLE_SAMPLE_NANOS) {
                handleNanos += GAIN * (sample - handleNanos);
            }
        }
    }

    /** sendmmsg took {@code end − start} for {@code replies} datagrams. */
    public void observeSend(long start, long end, int replies) {
        if (replies > 0 && end >= start) {
            double sample = (double) (end - start) / replies;
            if (sample <= MAX_SEND_SAMPLE_NANOS) {
                sendNanos += GAIN * (sample - sendNanos);
            }
        }
    }

    public double handleNanosPerRequest() {
        return handleNanos;
    }

    public double sendNanosPerReply() {
        return sendNanos;
    }
}
