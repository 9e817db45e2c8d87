package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.MonotonicTime;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RecentClientsTest {
    private static final long MINUTE = 60_000_000_000L;

    private static MonotonicTime at(long nanos) {
        return new MonotonicTime(nanos);
    }

    /** {@code n} distinct IPv4-style keys from {@code first}. */
    private static void feed(RecentClients c, long first, int n) {
        for (long k = first; k < first + n; k++) {
            c.seen(0x4_0000_0000L | k);
        }
    }

    @Test
    void nobodyIsZeroAndOneClientIsOneHoweverOftenItAsks() {
        RecentClients c = RecentClients.tenMinutes(42);
        assertEquals(0, c.estimate(at(0)).clients());
        for (int i = 0; i < 100_000; i++) {
            c.seen(0x4_7F00_0001L);
        }
        RecentClients.Count n = c.estimate(at(1));
        assertEquals(1, n.clients());
        assertEquals(600, n.windowSeconds());
        assertEquals(1.04 / 64, n.relativeStandardError(), 1e-12);
    }

    @Test
    void distinctClientsAreCountedWithinTheStatedError() {
        SplittableRandom seeds = new SplittableRandom(7);
        for (int n : new int[] {2, 10, 100, 1_000, 10_000, 100_000, 1_000_000}) {
            RecentClients c = RecentClients.tenMinutes(seeds.nextLong());
            c.estimate(at(0));
            feed(c, 1_000, n);
            feed(c, 1_000, n); // everyone again: distinct is distinct
            long got = c.estimate(at(1)).clients();
            // small counts are nearly exact (linear counting); large ones within 4 standard errors
            double allowed = Math.max(1, 4 * RecentClients.RELATIVE_STANDARD_ERROR * n);
            assertTrue(Math.abs(got - n) <= allowed, n + " clients estimated as " + got);
        }
    }

    @Test
    void theWindowRollsOverMinuteByMinute() {
        RecentClients c = RecentClients.tenMinutes(3);
        c.estimate(at(0)); // the first slice starts
        feed(c, 0, 500); // minute 0
        c.estimate(at(MINUTE));
        feed(c, 10_000, 300); // minute 1
        for (int m = 1; m <= 10; m++) {
            long got = c.estimate(at(m * MINUTE + 1)).clients();
            assertTrue(Math.abs(got - 800) <= 8, "minute " + m + ": both groups are in the window: " + got);
        }
        long got = c.estimate(at(11 * MINUTE)).clients();
        assertTrue(Math.abs(got - 300) <= 5, "minute 0 has left the window: " + got);
        got = c.estimate(at(12 * MINUTE)).clients();
        assertEquals(0, got, "minute 1 too");
    }

    @Test
    void aLongSilenceEmptiesTheWholeWindowAtOnce() {
        RecentClients c = RecentClients.tenMinutes(3);
        c.estimate(at(0));
        feed(c, 0, 1000);
        assertTrue(c.estimate(at(5 * MINUTE)).clients() > 900);
        assertEquals(0, c.estimate(at(1000 * MINUTE)).clients());
        feed(c, 0, 1);
        assertEquals(1, c.estimate(at(1000 * MINUTE + 1)).clients(), "counting goes on after the gap");
    }

    @Test
    void memoryIsFixedAndCountingAllocatesNothing() {
        RecentClients c = RecentClients.tenMinutes(11);
        int bytes = c.registerBytes();
        assertEquals(12 * RecentClients.REGISTERS, bytes, "ten slices, the current one and the union: 48 KiB");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        feed(c, 0, 200_000); // warm up (JIT)
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        feed(c, 500_000, 2_000_000);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        assertTrue(allocated < 64 * 1024, "2 million clients allocated " + allocated + " bytes");
        assertEquals(bytes, c.registerBytes());
    }

    @Test
    void loopThreadsCountingAtOnceLoseNothing() throws Exception {
        RecentClients shared = RecentClients.tenMinutes(5);
        RecentClients alone = RecentClients.tenMinutes(5);
        shared.estimate(at(0));
        alone.estimate(at(0));
        int threads = 4;
        int each = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long first = (long) t * each / 2; // overlapping halves: 125 000 distinct in all
            loops.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                feed(shared, first, each);
            }));
        }
        Thread estimator = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 50; i++) {
                shared.estimate(at(1 + i)); // the publisher reads while the loops write
            }
        });
        go.countDown();
        for (Thread t : loops) {
            t.join();
        }
        estimator.join();
        for (int t = 0; t < threads; t++) {
            feed(alone, (long) t * each / 2, each);
        }
        // a register only grows: the racing threads leave exactly the registers one thread would
        assertEquals(alone.estimate(at(100)).clients(), shared.estimate(at(100)).clients());
    }
}
