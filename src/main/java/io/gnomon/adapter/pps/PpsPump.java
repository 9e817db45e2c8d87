package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsEdge;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one reader thread over a {@link PpsSource}: hands each edge to a consumer, counts every other reading by
 * reason, logs when the source's state changes (not every second), and backs off after a fault. For the
 * composition root; the consumer runs on the reader thread.
 */
public final class PpsPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PpsPump.class);

    /** Counts so far; a snapshot. */
    public record Counts(long edges, long quietSeconds, long garbled, Map<PpsFault, Long> faults) {}

    private final PpsSource source;
    private final Consumer<PpsEdge> edges;
    private final Duration wait;
    private final Duration backoff;
    private final Thread thread;
    private long edgeCount;
    private long quiet;
    private long garbled;
    private final EnumMap<PpsFault, Long> faults = new EnumMap<>(PpsFault.class);
    private volatile boolean running = true;

    /**
     * @param wait    how long each {@link PpsSource#next} may block (the shutdown latency)
     * @param backoff pause after an {@link PpsReading.Unavailable} before trying again
     */
    public PpsPump(PpsSource source, Consumer<PpsEdge> edges, Duration wait, Duration backoff) {
        this.source = source;
        this.edges = edges;
        this.wait = wait;
        this.backoff = backoff;
        this.thread = Thread.ofPlatform().name("pps-reader " + source.device()).daemon(true).unstarted(this::run);
    }

    public PpsPump start() {
        thread.start();
        return this;
    }

    private void run() {
        PpsFault lastFault = null;
        boolean announcedEdges = false;
        try {
            while (running) {
                PpsReading r = source.next(wait);
                switch (r) {
                    case PpsReading.Edge e -> {
                        if (!announcedEdges || lastFault != null) {
                            LOG.info("{}: PPS edges arriving ({})", source.device(), source.clockDomain());
                            announcedEdges = true;
                            lastFault = null;
                        }
                        synchronized (this) {
                            edgeCount++;
                        }
                        edges.accept(e.edge());
                    }
                    case PpsReading.NoEdge n -> {
                        synchronized (this) {
                            quiet++;
                        }
                    }
                    case PpsReading.Garbled g -> {
                        synchronized (this) {
                            garbled++;
                        }
                        LOG.debug("{}", g.detail());
                    }
                    case PpsReading.Unavailable u -> {
                        synchronized (this) {
                            faults.merge(u.fault(), 1L, Long::sum);
                        }
                        if (u.fault() == PpsFault.CLOSED) {
                            return;
                        }
                        if (u.fault() != lastFault) {
                            LOG.warn("{}: {} ({})", source.device(), u.fault().words(), u.detail());
                            lastFault = u.fault();
                        }
                        Thread.sleep(backoff);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized Counts counts() {
        return new Counts(edgeCount, quiet, garbled, Map.copyOf(faults));
    }

    /** Stops the thread (within one wait) and closes the source. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        source.close();
        try {
            thread.join(wait.plus(backoff).toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
