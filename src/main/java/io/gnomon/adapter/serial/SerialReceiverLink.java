package io.gnomon.adapter.serial;

import io.gnomon.nmea.SerialByteSink;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to the GPS receiver's serial port: opens the device, reads raw bytes on its own thread, stamps each chunk
 * with the monotonic clock and hands it to a {@link SerialByteSink}; when the device is missing, busy or lost it
 * reports the state, retries with capped exponential backoff and resumes by itself when the device comes back
 * (replugged, or replaced by a new device node at the same path).
 *
 * <h2>Arrival stamps</h2>
 * The monotonic clock is read immediately after each read returns, so the stamp is when the chunk's last byte was
 * handed to us. The sink receives the estimated arrival of the chunk's <em>first</em> byte: that stamp minus the
 * chunk's wire time at the configured baud rate (10 bits per byte, 8N1), never earlier than the previous chunk's
 * estimate. See {@link ChunkArrival}. The sink is called on the read thread and must not keep the buffer.
 *
 * <h2>States</h2>
 * {@link SerialLinkState} values go to the listener, and one log line each, only when the state changes: a device
 * that stays missing for an hour is reported once, not once per retry. The backoff restarts after a connection
 * that delivered bytes; a port that opens and fails at once keeps backing off.
 */
public final class SerialReceiverLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialReceiverLink.class);
    private static final int BUFFER_SIZE = 4096;

    private final SerialLinkSettings settings;
    private final SerialPortOpener opener;
    private final SerialByteSink sink;
    private final Consumer<SerialLinkState> listener;
    private final MonotonicClock clock;
    private final Pause pause;
    private final Function<String, List<PortHolder>> holdersOf;
    private final RetryBackoff backoff;

    private volatile SerialLinkState state;
    private volatile boolean closed;
    private volatile SerialConnection current;
    private volatile Thread thread;
    // written by the read thread only; volatile so counters() sees them from any thread
    private volatile long bytesRead;
    private volatile long chunksRead;
    private volatile long connections;
    private volatile long losses;
    private volatile long failedOpens;
    private volatile long sinkFailures;

    /** What the link has done so far, for an operator's status page. */
    public record Counters(long bytesRead, long chunksRead, long connections, long losses, long failedOpens,
                           long sinkFailures) {}

    public SerialReceiverLink(SerialLinkSettings settings, SerialPortOpener opener, SerialByteSink sink,
                              Consumer<SerialLinkState> listener, MonotonicClock clock, Pause pause,
                              Function<String, List<PortHolder>> holdersOf) {
        this.settings = settings;
        this.opener = opener;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
        this.pause = pause;
        this.holdersOf = holdersOf;
        this.backoff = new RetryBackoff(settings.retryInitial(), settings.retryMax());
    }

    /** The real thing: jSerialComm, the system's monotonic clock, real sleeps, holders from /proc. */
    public static SerialReceiverLink onThisHost(SerialLinkSettings settings, SerialByteSink sink,
                                                Consumer<SerialLinkState> listener, MonotonicClock clock) {
        return new SerialReceiverLink(settings, new JSerialCommOpener(), sink, listener, clock, Pause.REAL,
                PortHolders.ofThisHost()::holding);
    }

    /** Starts the read thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Thread t = new Thread(this::run, "serial " + settings.path());
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
    }

    public Counters counters() {
        return new Counters(bytesRead, chunksRead, connections, losses, failedOpens, sinkFailures);
    }

    /** The last published state; null before the first. */
    public SerialLinkState state() {
        return state;
    }

    /** Opens, reads and retries on the calling thread until {@link #close()}. */
    public void run() {
        publish(new SerialLinkState.Opening(settings.path(), settings.baud()));
        while (!closed) {
            OpenOutcome outcome = opener.open(settings.path(), settings.baud());
            switch (outcome) {
                case OpenOutcome.Opened opened -> {
                    if (readUntilLost(opened.connection())) {
                        backoff.reset();
                    }
                }
                case OpenOutcome.Failure failure -> {
                    failedOpens++;
                    publish(failure.toState(settings.path(), holdersOf));
                }
            }
            if (closed) {
                break;
            }
            try {
                pause.sleep(backoff.next());
            } catch (InterruptedException e) {
                if (!closed) {
                    Thread.currentThread().interrupt();
                    LOG.warn("serial port {}: read thread interrupted, stopping", settings.path());
                }
                break;
            }
        }
    }

    /** Reads until the port is lost or the link closed; true when any bytes arrived. */
    private boolean readUntilLost(SerialConnection connection) {
        current = connection;
        if (closed) {
            connection.close();
            return false;
        }
        connections++;
        publish(new SerialLinkState.Connected(settings.path(), connection.device(), settings.baud()));
        warnAboutOtherReaders(connection.device());
        ChunkArrival arrival = new ChunkArrival(settings.baud());
        byte[] buffer = new byte[BUFFER_SIZE];
        boolean gotBytes = false;
        long silenceCheckNanos = settings.silenceCheck().toNanos();
        MonotonicTime lastCheck = clock.now();
        try {
            while (!closed) {
                int n = connection.read(buffer);
                if (n > 0) {
                    MonotonicTime returned = clock.now();
                    bytesRead += n;
                    chunksRead++;
                    deliver(buffer, n, arrival.firstByte(returned, n));
                    gotBytes = true;
                    lastCheck = returned;
                    continue;
                }
                if (closed) {
                    break;
                }
                if (n < 0) {
                    losses++;
                    publish(new SerialLinkState.Lost(settings.path(), connection.lossReason(), clock.now()));
                    break;
                }
                MonotonicTime now = clock.now();
                if (now.nanosSince(lastCheck) >= silenceCheckNanos) {
                    lastCheck = now;
                    Optional<String> gone = connection.vanished();
                    if (gone.isPresent()) {
                        losses++;
                        publish(new SerialLinkState.Lost(settings.path(), gone.get(), now));
                        break;
                    }
                }
            }
        } finally {
            current = null;
            connection.close();
        }
        return gotBytes;
    }

    private void deliver(byte[] buffer, int n, MonotonicTime firstByte) {
        try {
            sink.accept(buffer, 0, n, firstByte);
        } catch (RuntimeException e) {
            sinkFailures++;
            if (Long.bitCount(sinkFailures) == 1) { // 1st, 2nd, 4th, 8th ... failure
                LOG.error("serial port {}: the byte sink failed ({} times so far); bytes dropped",
                        settings.path(), sinkFailures, e);
            }
        }
    }

    private void warnAboutOtherReaders(String device) {
        List<PortHolder> others = holdersOf.apply(device);
        if (!others.isEmpty()) {
            LOG.warn("serial port {}: also open by {}; if that process reads the port it takes bytes meant for"
                            + " gnomon (disable any serial console or getty on the GPS UART)",
                    settings.path(), others.stream().map(PortHolder::describe).toList());
        }
    }

    private void publish(SerialLinkState next) {
        if (!isNews(state, next)) {
            return;
        }
        state = next;
        switch (next) {
            case SerialLinkState.Opening o -> LOG.info(o.describe());
            case SerialLinkState.Connected c -> LOG.info(c.describe());
            case SerialLinkState.Lost l -> LOG.warn("{}; reconnecting", l.describe());
            default -> LOG.warn("{}; retrying", next.describe());
        }
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            LOG.error("serial port {}: state listener failed", settings.path(), e);
        }
    }

    /**
     * Whether {@code next} is a change worth a log line. Still missing, or still busy, is not news even when the
     * detail differs between retries (a symlink left dangling for a moment and then removed; a holder's pid).
     */
    static boolean isNews(SerialLinkState previous, SerialLinkState next) {
        if (previous == null) {
            return true;
        }
        if (previous instanceof SerialLinkState.Missing && next instanceof SerialLinkState.Missing
                || previous instanceof SerialLinkState.Busy && next instanceof SerialLinkState.Busy) {
            return !previous.path().equals(next.path());
        }
        return !previous.equals(next);
    }

    /** Stops reading and retrying; closes the port. Waits briefly for the read thread to end. */
    @Override
    public void close() {
        closed = true;
        SerialConnection c = current;
        if (c != null) {
            c.close();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
