package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCountersTest {

    @Test
    void snapshotHasEveryReasonAndCountsFromManyThreads() throws InterruptedException {
        ServerCounters c = new ServerCounters();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.countRequest();
                    c.countDrop(DropReason.MODE_PRIVATE);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        c.countReply();
        c.countKissOfDeath();

        ServerCounters.Snapshot s = c.snapshot();
        assertEquals(40_000, s.requests());
        assertEquals(40_000, s.dropped(DropReason.MODE_PRIVATE));
        assertEquals(0, s.dropped(DropReason.TOO_SHORT));
        assertEquals(DropReason.values().length, s.dropped().size());
        assertEquals(40_000, s.totalDropped());
        assertEquals(1, s.replies());
        assertEquals(1, s.kissOfDeathSent());
    }
}
