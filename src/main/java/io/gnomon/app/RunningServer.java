package io.gnomon.app;

import io.gnomon.adapter.udp.ListenAddress;
import java.util.List;
import java.util.Optional;

/** What {@code gnomon run} needs of a started composition, simulated or real. */
interface RunningServer extends AutoCloseable {

    List<ListenAddress> listening();

    /** Blocks until {@link #close()} or a dead receive loop; returns why the loop died, or empty. */
    Optional<Throwable> awaitStopRequest() throws InterruptedException;

    @Override
    void close();
}
