package io.gnomon.adapter.clock;

import java.lang.management.ManagementFactory;

/**
 * Cost of {@link LinuxKernelClock#read()}: time and heap bytes per call after warm-up (figures in docs/APPLIANCE.md).
 * A main, not a test. Reads only.
 */
public final class KernelClockReadBench {
    private KernelClockReadBench() {}

    public static void main(String[] args) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LinuxKernelClock clock = LinuxKernelClock.open();
        int calls = 200_000;
        long sink = 0;
        for (int i = 0; i < calls; i++) {
            sink += clock.read().tickMicros();
        }
        for (int round = 0; round < 3; round++) {
            long bytes0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += clock.read().tickMicros();
            }
            long t1 = System.nanoTime();
            long bytes1 = threads.getCurrentThreadAllocatedBytes();
            System.out.printf("read(): %.0f ns/call, %.1f bytes allocated/call%n", (t1 - t0) / (double) calls,
                    (bytes1 - bytes0) / (double) calls);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
