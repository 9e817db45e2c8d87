package io.gnomon.adapter.udp.linux;

/**
 * When the i-th datagram of a sendmmsg leaves, counted from the moment the call starts: learned per
 * position from the kernel's own software transmit timestamps on sampled batches.
 *
 * <p>The offsets are not a straight line (on loopback the first datagram leaves about 2 µs into the call;
 * waking the client can delay the second by tens of microseconds on a busy host; the rest follow at the
 * per-datagram cost), so each position keeps its own estimate: a low envelope of what was seen, moving
 * fast towards an earlier departure ({@code q += 0.2·(x − q)} when x < q) and slowly towards a later one
 * ({@code q += 0.01·(x − q)}), so the predicted departure is usually a little early and rarely late, and one
 * descheduled sample cannot drag it far. Positions not yet observed extrapolate from the
 * last observed one with the fitted per-datagram cost. Pure; one per loop thread.
 */
public final class DepartureProfile {
    static final double DOWN = 0.2;
    static final double UP = 0.01;
    private final double[] offset;
    private final boolean[] seen;

    public DepartureProfile(int positions) {
        offset = new double[positions];
        seen = new boolean[positions];
    }

    /** Whether position {@code index} has been observed at least once. */
    public boolean calibrated(int index) {
        return seen[index];
    }

    /** One observation: datagram {@code index} of a batch left {@code nanos} after sendmmsg was entered. */
    public void observe(int index, long nanos) {
        if (index < 0 || index >= offset.length || nanos < 0) {
            return;
        }
        if (!seen[index]) {
            seen[index] = true;
            offset[index] = nanos;
            return;
        }
        double q = offset[index];
        offset[index] = q + (nanos < q ? DOWN : UP) * (nanos - q);
    }

    /**
     * Predicted offset of position {@code index}, or, when it was never observed, the nearest observed
     * position below plus {@code perDatagramNanos} per step (−1 when nothing below was observed).
     */
    public long offsetNanos(int index, double perDatagramNanos) {
        if (index < offset.length && seen[index]) {
            return (long) offset[index];
        }
        for (int j = Math.min(index, offset.length) - 1; j >= 0; j--) {
            if (seen[j]) {
                return (long) (offset[j] + (index - j) * perDatagramNanos);
            }
        }
        return -1;
    }
}
