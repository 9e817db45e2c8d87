package io.gnomon.daemon;

import io.gnomon.status.StatusFeed;
import io.gnomon.status.StatusSnapshot;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a status snapshot once a second into a {@link StatusFeed} and logs what the feed says deserves a
 * line (state changes with their reason, rate-limited drop summaries). One daemon thread.
 */
public final class StatusPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("gnomon.status");

    private final ScheduledExecutorService timer;

    private StatusPublisher(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * @param source builds the snapshot for a UTC second (epoch seconds); called on the publisher thread only
     * @param utcSecond the current UTC second
     */
    static StatusPublisher start(StatusFeed feed, LongFunction<StatusSnapshot> source,
                                 java.util.function.LongSupplier utcSecond) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gnomon-status").factory());
        Runnable tick = () -> {
            try {
                long second = utcSecond.getAsLong();
                feed.accept(source.apply(second), second).forEach(log::info);
            } catch (RuntimeException e) {
                log.warn("status snapshot failed: {}", e.toString());
            }
        };
        tick.run(); // the first snapshot exists before anyone can ask for it
        timer.scheduleAtFixedRate(tick, 1000 - System.currentTimeMillis() % 1000, 1000, TimeUnit.MILLISECONDS);
        return new StatusPublisher(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
