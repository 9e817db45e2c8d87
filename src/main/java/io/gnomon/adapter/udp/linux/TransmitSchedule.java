package io.gnomon.adapter.udp.linux;

/**
 * Predicts when each reply of a batch leaves, so each gets its own transmit timestamp while the whole batch
 * goes out in one sendmmsg.
 *
 * <p>The responder reads the transmit clock while it handles a request whose reply will be at position i of
 * its sendmmsg (a batch is sent in chunks, see {@link LinuxUdpSettings#sendChunk()}). The reply leaves after
 * the r requests still to be handled before that call and the i replies before it in the call, so its
 * transmit timestamp is the clock reading plus {@code r·h + i·d}, where
 * h is the cost of handling one request and d the cost of sending one reply inside sendmmsg (on loopback
 * the kernel delivers each datagram to the receiving socket inside the sender's call, so d is close to
 * uniform). h is a low envelope of recent per-request costs and d a fit over recent calls; a sample far above the usual
 * (the thread was descheduled, the JIT was compiling) is left out, and the delay is shaded early by
 * {@code earlyShade}, so a mistaken estimate makes T3 slightly early rather than late (a late T3 can put
 * T3 after the client's T4). A batch of one gets a delay of zero: the clock is read just before the send,
 * as a server sending one datagram per call does. Likewise the kernel's own path for one datagram (the
 * departure offset of position 0) is not added: T3 marks when the kernel starts on the reply, as it does
 * for a server that reads its clock right before a one-datagram send, so T3 stays before the client's T4.
 *
 * <p>Where the kernel's transmit timestamps are sampled ({@link #observeDeparture}), the per-position
 * {@link DepartureProfile} replaces {@code i·d}: it captures that departures within one call are not evenly
 * spaced.
 *
 * <p>Pure: no clock is read here; the caller passes its readings.
 */
public final class TransmitSchedule {
    /** Weight of the newest batch in the running sums. */
    private static final double GAIN = 1.0 / 64;
    static final double ENVELOPE_DOWN = 0.2;
    static final double ENVELOPE_UP = 0.01;
    /** Samples above these (per datagram) are outliers: descheduling, compilation, page faults. */
    static final double MAX_HANDLE_SAMPLE_NANOS = 20_000;
    static final double MAX_SEND_SAMPLE_NANOS = 50_000;
    /**
     * Hard caps on a prediction: per request still to handle, and per position in the call. Sampled kernel
     * transmit timestamps put datagram i of a call about 1.2 µs·i after datagram 0, but in an open loop under
     * load the calls that are not sampled send faster, and with a 3 µs cap 3% of replies came out with T3 up
     * to 10 µs after T4; with 1 µs none did (docs/PERFORMANCE.md). Under overload the fitted costs rise (11 µs
     * per reply was seen); capped, an estimate gone wrong makes T3 early, not late.
     */
    static final double MAX_HANDLE_STEP_NANOS = 1_000;
    static final double MAX_POSITION_STEP_NANOS = 1_000;

    private final double earlyShade;
    private final double initialSendNanos;
    // handling: a low envelope of the per-request cost (fast down, slow up), so a slow, cache-cold batch
    // after an idle spell does not make later predictions late
    private double handleNanos;
    // sending: decayed least-squares fits of duration = fixed + perReply · replies, for plain batches and for
    // the sampled ones (asking for transmit timestamps makes the kernel slower per datagram)
    private final SendFit plain = new SendFit();
    private final SendFit sampled = new SendFit();
    private final DepartureProfile profile;

    public TransmitSchedule(double initialHandleNanos, double initialSendNanos, double earlyShade) {
        if (earlyShade < 0 || earlyShade >= 1) {
            throw new IllegalArgumentException("earlyShade must be in [0, 1): " + earlyShade);
        }
        this.handleNanos = initialHandleNanos;
        this.initialSendNanos = initialSendNanos;
        this.earlyShade = earlyShade;
        this.profile = new DepartureProfile(1024);
    }

    /**
     * Starting estimates 0.3 µs handling and 2 µs sending per datagram (loopback, this machine); predicted
     * waits shaded 5% early. (Before the reading moved to just before the send call and the 1 µs cap, 15%
     * was needed and still left 1–7% of open-loop replies with T3 after T4; with both, 15% left none but put
     * the T4 − T3 median at 64 in flight at 2.06× chronyd's; see docs/PERFORMANCE.md.)
     */
    public static TransmitSchedule standard() {
        return new TransmitSchedule(300, 2_000, 0.05);
    }

    /**
     * How long after a clock reading taken while handling a request the reply with send position
     * {@code position} in its sendmmsg will leave, when {@code remainingRequests} more requests are handled
     * before that call.
     */
    public long delayNanos(int remainingRequests, int position) {
        double handling = remainingRequests * Math.min(MAX_HANDLE_STEP_NANOS, handleNanosPerRequest());
        // a reply's transmit time is when the kernel starts on it, as for a server reading its clock just
        // before a one-datagram send: the first datagram's own path through the kernel is not added
        double sending = position == 0 ? 0
                : Math.min(position * MAX_POSITION_STEP_NANOS, Math.max(0, departureOffsetNanos(position)));
        return (long) ((handling + sending) * (1 - earlyShade));
    }

    /**
     * A kernel transmit timestamp: reply {@code replyIndex} left {@code nanos} after the first datagram of the
     * same call (for index 0: after the call was entered; kept for the log, not used in predictions).
     */
    public void observeDeparture(int replyIndex, long nanos) {
        profile.observe(replyIndex, nanos);
    }

    /** The departure offset now predicted for {@code replyIndex} (for logs and the benchmark notes). */
    public long departureOffsetNanos(int replyIndex) {
        double perReply = sendNanosPerReply();
        long measured = profile.offsetNanos(replyIndex, sampled.perReply(perReply));
        if (measured < 0) {
            return (long) (replyIndex * perReply);
        }
        // the profile was learned on sampled calls, where the kernel also records each datagram's transmit
        // timestamp: take that extra per-datagram cost back out (call sizes are sampled evenly, so the
        // difference of the per-datagram means is that cost)
        double extra = sampled.count() > 0 && plain.count() > 0
                ? Math.max(0, sampled.meanPerReply() - plain.meanPerReply()) : 0;
        return Math.max(0, (long) (measured - replyIndex * extra));
    }

    /** The batch's handling took {@code end − start} for {@code requests} requests. */
    public void observeHandling(long start, long end, int requests) {
        if (requests > 0 && end >= start) {
            double sample = (double) (end - start) / requests;
            if (sample <= MAX_HANDLE_SAMPLE_NANOS) {
                handleNanos += (sample < handleNanos ? ENVELOPE_DOWN : ENVELOPE_UP) * (sample - handleNanos);
            }
        }
    }

    /**
     * sendmmsg took {@code end − start} for {@code replies} datagrams. The call's fixed cost (entering and
     * leaving the kernel, waking a reader) is separated from the per-datagram cost by the fit, so small
     * batches do not inflate the per-datagram estimate applied to large ones.
     */
    public void observeSend(long start, long end, int replies) {
        observeSend(start, end, replies, false);
    }

    /** As {@link #observeSend(long, long, int)}, for a batch that did or did not ask for transmit timestamps. */
    public void observeSend(long start, long end, int replies, boolean withTransmitTimestamps) {
        if (replies > 0 && end >= start && (double) (end - start) / replies <= MAX_SEND_SAMPLE_NANOS) {
            (withTransmitTimestamps ? sampled : plain).add(replies, end - start);
        }
    }

    public double handleNanosPerRequest() {
        return handleNanos;
    }

    /** The fitted per-datagram cost of a plain batch; before batches of different sizes, the average or default. */
    public double sendNanosPerReply() {
        return plain.perReply(initialSendNanos);
    }

    /** A decayed least-squares line through (datagrams, duration) points. */
    private static final class SendFit {
        private double w;
        private double sx;
        private double sy;
        private double sxx;
        private double sxy;

        void add(double x, double y) {
            double keep = 1 - GAIN;
            w = w * keep + 1;
            sx = sx * keep + x;
            sy = sy * keep + y;
            sxx = sxx * keep + x * x;
            sxy = sxy * keep + x * y;
        }

        double count() {
            return w;
        }

        /** Duration per datagram over all calls (robust where call sizes hardly vary). */
        double meanPerReply() {
            return sx > 0 ? sy / sx : 0;
        }

        double perReply(double fallback) {
            if (w == 0) {
                return fallback;
            }
            double spread = w * sxx - sx * sx;
            double slope = spread > 1e-6 * w * sxx ? (w * sxy - sx * sy) / spread : sy / sx;
            return Math.max(0, Math.min(MAX_SEND_SAMPLE_NANOS, slope));
        }
    }
}
