package io.gnomon.ntp;

import io.gnomon.time.MonotonicTime;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * How many distinct clients sent requests recently, estimated in fixed memory (HyperLogLog, Flajolet et al. 2007,
 * with linear counting below 2.5 m as in their paper).
 *
 * <p><b>Window.</b> Time is cut into slices; there is one register array per slice plus one for the slice now
 * filling. The estimate is over the union of all of them: every client seen in the current slice so far or in the
 * {@code slices} whole slices before it (with 10 slices of one minute: the last 10 to 11 minutes). Slices advance
 * only in {@link #estimate}, which the status publisher calls once a second; the oldest array is cleared as it
 * becomes the current one.
 *
 * <p><b>Error.</b> {@value #REGISTERS} one-byte registers per slice: relative standard error
 * 1.04/√{@value #REGISTERS} ≈ {@link #RELATIVE_STANDARD_ERROR} (1.6%) for large counts; below about ten thousand
 * clients the linear-counting estimate is closer (a single client counts exactly 1). Memory is fixed:
 * ({@code slices} + 2) × {@value #REGISTERS} bytes, whatever the traffic.
 *
 * <p><b>Threads.</b> {@link #seen} is for the receive loops: any number of threads, no lock, no allocation; a
 * register only ever grows (compare-and-set on the rare update), so concurrent loops lose nothing. {@link #estimate}
 * is synchronised and meant for one caller (the status publisher). The key is the caller's (e.g. the IPv4 address,
 * or an IPv6 /64); it is hashed with a seed chosen at startup so clients cannot aim at one register.
 */
public final class RecentClients {

    /** log2 of the register count. */
    static final int PRECISION = 12;
    public static final int REGISTERS = 1 << PRECISION;
    public static final double RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(REGISTERS);
    private static final int MAX_RANK = 64 - PRECISION + 1;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
    private static final VarHandle REGISTER = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final long UNSET = Long.MIN_VALUE;

    /** The estimate with what it means: distinct clients in the last {@code windowSeconds}, ± relative error. */
    public record Count(long clients, long windowSeconds, double relativeStandardError) {
        /** Nothing counted (a server path that passes no client addresses). */
        public static final Count NOT_COUNTED = new Count(-1, 0, Double.NaN);
    }

    private final byte[][] slices;
    private final byte[] union = new byte[REGISTERS];
    private final long sliceNanos;
    private final long seed;
    private volatile int current;
    private long sliceStart = UNSET;

    /**
     * @param sliceNanos how long one slice lasts
     * @param slices     how many whole slices the window keeps besides the current one
     * @param hashSeed   a random value chosen at startup
     */
    public RecentClients(long sliceNanos, int slices, long hashSeed) {
        if (sliceNanos <= 0 || slices < 1) {
            throw new IllegalArgumentException("slice " + sliceNanos + " ns × " + slices);
        }
        this.sliceNanos = sliceNanos;
        this.slices = new byte[slices + 1][REGISTERS];
        this.seed = hashSeed;
    }

    /** The last 10 minutes in slices of one minute. */
    public static RecentClients tenMinutes(long hashSeed) {
        return new RecentClients(60_000_000_000L, 10, hashSeed);
    }

    /** The window in whole seconds (the whole slices kept; the current one comes on top). */
    public long windowSeconds() {
        return sliceNanos * (slices.length - 1) / 1_000_000_000L;
    }

    /** Bytes of registers held: fixed at construction. */
    public int registerBytes() {
        return (slices.length + 1) * REGISTERS;
    }

    /** One datagram from {@code clientKey}. Any thread; allocates nothing. */
    public void seen(long clientKey) {
        long h = mix(clientKey ^ seed);
        int index = (int) (h >>> (64 - PRECISION));
        byte rank = (byte) Math.min(Long.numberOfLeadingZeros(h << PRECISION) + 1, MAX_RANK);
        byte[] registers = slices[current];
        byte old = (byte) REGISTER.getOpaque(registers, index);
        while (rank > old) {
            byte witness = (byte) REGISTER.compareAndExchange(registers, index, old, rank);
            if (witness == old) {
                return;
            }
            old = witness;
        }
    }

    /** Advances the slices to {@code now} (the first call starts the first slice) and estimates the window. */
    public synchronized Count estimate(MonotonicTime now) {
        advanceTo(now.nanos());
        Arrays.fill(union, (byte) 0);
        for (byte[] registers : slices) {
            for (int i = 0; i < REGISTERS; i++) {
                byte r = (byte) REGISTER.getOpaque(registers, i);
                if (r > union[i]) {
                    union[i] = r;
                }
            }
        }
        return new Count(Math.round(cardinality(union)), windowSeconds(), RELATIVE_STANDARD_ERROR);
    }

    private void advanceTo(long now) {
        if (sliceStart == UNSET) {
            sliceStart = now;
            return;
        }
        long due = (now - sliceStart) / sliceNanos;
        if (due <= 0) {
            return;
        }
        for (long k = 0; k < Math.min(due, slices.length); k++) {
            int next = (current + 1) % slices.length;
            Arrays.fill(slices[next], (byte) 0); // the oldest: no loop writes there, they write to the current one
            current = next;
        }
        sliceStart += due * sliceNanos;
    }

    /** The HyperLogLog estimate of one register array, linear counting where it is the better one. */
    static double cardinality(byte[] registers) {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            if (r == 0) {
                zeros++;
            }
        }
        double raw = ALPHA * REGISTERS * (double) REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0) {
            return REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return raw;
    }

    /** SplitMix64's finaliser: every key bit reaches every hash bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
