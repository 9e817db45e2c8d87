package io.gnomon.daemon;

import io.gnomon.adapter.http.HttpListenException;
import io.gnomon.adapter.http.StatusHttpServer;
import io.gnomon.status.StatusFeed;
import io.gnomon.status.StatusHistory;
import io.gnomon.status.StatusSnapshot;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status feed, its once-a-second publisher, and the HTTP surface on top: started and closed together. */
public final class StatusSurfaces implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("gnomon.status");
    static final long DROP_SUMMARY_SECONDS = 60;

    private final StatusFeed feed;
    private final StatusPublisher publisher;
    private final StatusHttpServer http;

    private StatusSurfaces(StatusFeed feed, StatusPublisher publisher, StatusHttpServer http) {
        this.feed = feed;
        this.publisher = publisher;
        this.http = http;
    }

    /** @param logStateChanges false when the reference clock already logs each state change */
    static StatusSurfaces start(StatusHttp where, LongFunction<StatusSnapshot> source, LongSupplier utcSecond,
                                boolean logStateChanges) throws HttpListenException {
        StatusFeed feed = new StatusFeed(new StatusHistory(), DROP_SUMMARY_SECONDS, logStateChanges);
        StatusPublisher publisher = StatusPublisher.start(feed, source, utcSecond);
        StatusHttpServer http = null;
        if (where.address() != null) {
            try {
                http = StatusHttpServer.start(where.address().socketAddress(), feed);
                log.info("status on http://{}/ (status.json, metrics)", HttpListenException.format(http.address()));
            } catch (HttpListenException e) {
                if (where.explicit()) {
                    publisher.close();
                    throw e;
                }
                log.warn("{}; running without the HTTP status surface (choose another with --http)", e.getMessage());
            }
        }
        return new StatusSurfaces(feed, publisher, http);
    }

    StatusFeed feed() {
        return feed;
    }

    /** Where HTTP listens, if it does. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(StatusHttpServer::address);
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        publisher.close();
    }
}
