package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsPpsSourceTest {

    private static final long S = 1_000_000_000L;

    /** Scripted reads; a fake clock that advances 1 ms per read so timeouts end without real waiting. */
    private static SysfsPpsSource scripted(String... reads) {
        Deque<String> q = new ArrayDeque<>(List.of(reads));
        AtomicLong now = new AtomicLong();
        String last = reads[reads.length - 1];
        return new SysfsPpsSource("fake", () -> {
            now.addAndGet(1_000_000);
            return q.isEmpty() ? last : q.poll();
        }, () -> new MonotonicTime(now.get()), Duration.ZERO);
    }

    @Test
    void firstSampleIsOnlyTheBaselineThenANewSequenceIsAnEdge() throws Exception {
        var src = scripted("100.000000000#1", "100.000000000#1", "101.000000500#2", "101.000000500#2");
        var r = assertInstanceOf(PpsReading.Edge.class, src.next(Duration.ofSeconds(1)));
        assertEquals(new PpsEdge(2, new RealtimeTime(101 * S + 500)), r.edge());
    }

    @Test
    void aTornReadIsRetriedNotUsed() throws Exception {
        var src = scripted("100.000000000#1", "100.000000000#1",
                "101.0000", "101.000000000#2", "101.000000000#2");
        var r = assertInstanceOf(PpsReading.Edge.class, src.next(Duration.ofSeconds(1)));
        assertEquals(2, r.edge().sequence());
        assertEquals(new RealtimeTime(101 * S), r.edge().timestamp());
    }

    @Test
    void twoReadsThatNeverAgreeGiveNoEdge() throws Exception {
        var src = scripted("100.000000000#1", "100.000000000#1",
                "1", "2", "3", "4", "5", "6", "7", "8", "100.000000000#1");
        assertInstanceOf(PpsReading.NoEdge.class, src.next(Duration.ofMillis(9)));
    }

    @Test
    void anUnchangedSequenceIsNotAnEdge() throws Exception {
        var src = scripted("100.000000000#1");
        assertInstanceOf(PpsReading.NoEdge.class, src.next(Duration.ofMillis(20)));
    }

    @Test
    void aSteadyMalformedLineIsReportedOnce() throws Exception {
        var src = scripted("garbage", "garbage", "garbage", "garbage");
        var g = assertInstanceOf(PpsReading.Garbled.class, src.next(Duration.ofMillis(20)));
        assertTrue(g.detail().contains("garbage"), g.detail());
        assertInstanceOf(PpsReading.NoEdge.class, src.next(Duration.ofMillis(20)));
    }

    @Test
    void anEmptyFileMeansNoAssertCapture() throws Exception {
        var src = scripted("", "");
        var u = assertInstanceOf(PpsReading.Unavailable.class, src.next(Duration.ofMillis(20)));
        assertEquals(PpsFault.NO_ASSERT_CAPTURE, u.fault());
    }

    @Test
    void aMissingFileIsNoDevice(@TempDir Path dir) throws Exception {
        var src = new SysfsPpsSource(dir.resolve("pps7"), SystemClocks.MONOTONIC, Duration.ofMillis(5));
        var u = assertInstanceOf(PpsReading.Unavailable.class, src.next(Duration.ofMillis(50)));
        assertEquals(PpsFault.NO_DEVICE, u.fault());
        assertTrue(u.detail().contains("assert"), u.detail());
    }

    /** A writer thread rewrites a real file the way the kernel's values change; the poller must follow it. */
    @Test
    void followsAFileThatAnotherThreadRewrites(@TempDir Path dir) throws Exception {
        Path assertFile = dir.resolve("assert");
        write(dir, assertFile, "1764071400.000000100#10\n");
        var src = new SysfsPpsSource(dir, SystemClocks.MONOTONIC, Duration.ofMillis(1));
        List<PpsEdge> edges = new ArrayList<>();
        List<String> garbled = new ArrayList<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(30);
                for (int seq = 11; seq <= 15; seq++) {
                    if (seq == 13) {
                        write(dir, assertFile, "1764071403.0000"); // a torn value left in place for a while
                        Thread.sleep(20);
                    }
                    write(dir, assertFile, String.format("%d.%09d#%d%n", 1764071390L + seq, 100 + seq, seq));
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long until = System.nanoTime() + 10 * S;
        while (System.nanoTime() < until && (edges.isEmpty() || edges.getLast().sequence() < 15)) {
            switch (src.next(Duration.ofMillis(200))) {
                case PpsReading.Edge e -> edges.add(e.edge());
                case PpsReading.Garbled g -> garbled.add(g.detail());
                case PpsReading.NoEdge n -> { }
                case PpsReading.Unavailable u -> throw new AssertionError(u.toString());
            }
        }
        writer.join();
        assertTrue(!edges.isEmpty() && edges.getLast().sequence() == 15, edges.toString());
        long previous = 10;
        for (PpsEdge e : edges) {
            assertTrue(e.sequence() > previous, "strictly increasing: " + edges);
            previous = e.sequence();
            long seq = e.sequence();
            assertEquals(new RealtimeTime((1764071390L + seq) * S + 100 + seq), e.timestamp(), "edge " + seq);
        }
        for (String g : garbled) {
            assertTrue(g.contains("1764071403.0000"), g);
        }
    }

    private static void write(Path dir, Path target, String text) throws IOException {
        Path tmp = Files.writeString(dir.resolve("assert.tmp"), text);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
