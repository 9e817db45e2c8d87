package io.gnomon.daemon;

import io.gnomon.adapter.udp.ListenAddress;
import java.util.List;
import java.util.Optional;

/** What {@code gnomon run} needs of a started composition, simulated or real. */
public interface RunningServer extends AutoCloseable {

    /** The NTP side (sockets, responder, stop requests), the same in every composition. */
    NtpFrontEnd frontEnd();

    default List<ListenAddress> listening() {
        return frontEnd().listening();
    }

    /** Blocks until {@link #close()} or a dead receive loop; returns why the loop died, or empty. */
    default Optional<Throwable> awaitStopRequest() throws InterruptedException {
        return frontEnd().awaitStopRequest();
    }

    @Override
    void close();
}
