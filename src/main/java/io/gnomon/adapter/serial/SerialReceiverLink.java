package io.gnomon.adapter.serial;

import io.gnomon.nmea.SerialByteSink;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.MonotonicTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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
 * chunk's wire time at the configured baud rate (10 bits per byte, 8N1; none on a pty or a USB CDC-ACM device,
 * which do not pace bytes at the baud rate), never earlier than the previous chunk's estimate. See
 * {@link ChunkArrival}. The sink is called on the read thread and must not keep the buffer.
 *
 * <h2>Wrong baud rate</h2>
 * When bytes keep arriving for {@link SerialLinkSettings#wrongRateWindow()} without one NMEA sentence whose checksum
 * is right ({@link WrongRateWatch}), the receiver probably sends at another rate: receivers fall back to their
 * default (often 9600) after a reset or a power loss without backup. The link then listens at each candidate rate
 * ({@link BaudProbe}: the configured one first, the current one last) and reads on at the rate that gives valid
 * sentences, saying so in the log and in its state. When no rate does (a receiver in a binary protocol, a pty),
 * it reads on at the rate it had and searches again only after {@link #SEARCH_HOLDOFF_MIN}, doubling up to
 * {@link #SEARCH_HOLDOFF_MAX}.
 *
 * <h2>States</h2>
 * {@link SerialLinkState} values go to the listener, and one log line each, only when the state changes: a device
 * that stays missing for an hour is reported once, not once per retry. The backoff restarts after a connection
 * that delivered bytes; a port that opens and fails at once keeps backing off.
 */
public final class SerialReceiverLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialReceiverLink.class);
    private static final int BUFFER_SIZE = 4096;
    /** How long a search listens at each rate: a receiver sends at least two sentences a second. */
    static final Duration SEARCH_LISTEN = Duration.ofSeconds(2);
    static final Duration SEARCH_HOLDOFF_MIN = Duration.ofMinutes(1);
    static final Duration SEARCH_HOLDOFF_MAX = Duration.ofMinutes(16);

    private final SerialLinkSettings settings;
    private final SerialPortOpener opener;
    private final SerialByteSink sink;
    private final Consumer<SerialLinkState> listener;
    private final MonotonicClock clock;
    private final Pause pause;
    private final Function<String, List<PortHolder>> holdersOf;
    private final RetryBackoff backoff;
    private final BooleanSupplier shuttingDown;

    private volatile SerialLinkState state;
    private volatile int baud; // the configured rate until a search finds another
    private MonotonicTime nextSearchAllowed; // read thread only; null: at once
    private Duration searchHoldoff = SEARCH_HOLDOFF_MIN;
    private List<PortHolder> lastOtherReaders = List.of(); // read thread only
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
    private volatile long searches;
    private volatile long rateChanges;

    /** What the link has done so far, for an operator's status page. */
    public record Counters(long bytesRead, long chunksRead, long connections, long losses, long failedOpens,
                           long sinkFailures, long searches, long rateChanges) {}

    public SerialReceiverLink(SerialLinkSettings settings, SerialPortOpener opener, SerialByteSink sink,
                              Consumer<SerialLinkState> listener, MonotonicClock clock, Pause pause,
                              Function<String, List<PortHolder>> holdersOf) {
        this(settings, opener, sink, listener, clock, pause, holdersOf, JvmShutdown::inProgress);
    }

    /** As above, with {@code shuttingDown} telling whether the process is exiting (a failed read is then no loss). */
    SerialReceiverLink(SerialLinkSettings settings, SerialPortOpener opener, SerialByteSink sink,
                       Consumer<SerialLinkState> listener, MonotonicClock clock, Pause pause,
                       Function<String, List<PortHolder>> holdersOf, BooleanSupplier shuttingDown) {
        this.shuttingDown = shuttingDown;
        this.settings = settings;
        this.opener = opener;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
        this.pause = pause;
        this.holdersOf = holdersOf;
        this.backoff = new RetryBackoff(settings.retryInitial(), settings.retryMax());
        this.baud = settings.baud();
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
        return new Counters(bytesRead, chunksRead, connections, losses, failedOpens, sinkFailures, searches,
                rateChanges);
    }

    /** The last published state; null before the first. */
    public SerialLinkState state() {
        return state;
    }

    /** Opens, reads and retries on the calling thread until {@link #close()}. */
    public void run() {
        publish(new SerialLinkState.Opening(settings.path(), baud));
        while (!closed) {
            OpenOutcome outcome = opener.open(settings.path(), baud);
            switch (outcome) {
                case OpenOutcome.Opened opened -> {
                    ReadEnd end = readUntilLost(opened.connection());
                    if (end != ReadEnd.LOST_WITHOUT_BYTES) {
                        backoff.reset();
                    }
                    if (end == ReadEnd.WRONG_RATE) {
                        search();
                        continue; // reopen at once, at the rate the search settled on
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

    private enum ReadEnd { LOST_WITHOUT_BYTES, LOST_AFTER_BYTES, WRONG_RATE }

    /** Reads until the port is lost, the link closed, or the bytes look like a wrong rate. */
    private ReadEnd readUntilLost(SerialConnection connection) {
        current = connection;
        if (closed) {
            connection.close();
            return ReadEnd.LOST_WITHOUT_BYTES;
        }
        connections++;
        publish(new SerialLinkState.Connected(settings.path(), connection.device(), baud, settings.baud()));
        warnAboutOtherReaders(connection.device());
        ChunkArrival arrival = ChunkArrival.forDevice(connection.device(), baud);
        WrongRateWatch watch = settings.wrongRateWindow().isZero() ? null
                : new WrongRateWatch(settings.wrongRateWindow());
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
                    if (watch != null && watch.add(buffer, n, returned)
                            && (nextSearchAllowed == null || returned.nanosSince(nextSearchAllowed) >= 0)) {
                        return ReadEnd.WRONG_RATE;
                    }
                    continue;
                }
                if (closed) {
                    break;
                }
                if (n < 0 && shuttingDown.getAsBoolean()) {
                    // the process is exiting (jSerialComm's shutdown hook ended the read): not a loss, no retry
                    closed = true;
                    LOG.info("serial port {}: closed, the process is shutting down", settings.path());
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
        return gotBytes ? ReadEnd.LOST_AFTER_BYTES : ReadEnd.LOST_WITHOUT_BYTES;
    }

    /** Listens at each candidate rate and settles on the one that gives valid sentences, or keeps the current one. */
    private void search() {
        searches++;
        long windowSeconds = settings.wrongRateWindow().toSeconds();
        publish(new SerialLinkState.Searching(settings.path(), baud,
                "no NMEA sentence with a valid checksum in " + windowSeconds + " s of bytes"));
        BaudProbe.Result result = new BaudProbe(opener, clock, SEARCH_LISTEN).probe(settings.path(), searchOrder());
        if (!(result instanceof BaudProbe.Decided decided)) {
            return; // the port could not be opened: the next open says why and backs off
        }
        switch (decided.decision()) {
            case BaudDetector.Detected found when found.baud() != baud -> {
                LOG.warn("serial port {}: the receiver sends at {} baud, not {} ({}); reading at {} baud from now on{}",
                        settings.path(), found.baud(), baud, found.evidence(), found.baud(),
                        found.baud() == settings.baud() ? ", as configured"
                                : " (set serial-baud " + found.baud() + ", or configure the receiver back to "
                                + settings.baud() + " and save it in its flash)");
                baud = found.baud();
                rateChanges++;
                searchHoldoff = SEARCH_HOLDOFF_MIN;
                nextSearchAllowed = null;
            }
            case BaudDetector.Detected same -> {
                LOG.info("serial port {}: {} baud gives valid sentences after all ({})", settings.path(), baud,
                        same.evidence());
                nextSearchAllowed = null;
            }
            case BaudDetector.Undetected none -> {
                nextSearchAllowed = clock.now().plusNanos(searchHoldoff.toNanos());
                LOG.warn("serial port {}: no rate gives NMEA sentences ({}: {}); reading on at {} baud, searching again"
                                + " in {} s", settings.path(), none.reason(), none.evidence(), baud,
                        searchHoldoff.toSeconds());
                searchHoldoff = searchHoldoff.multipliedBy(2).compareTo(SEARCH_HOLDOFF_MAX) > 0
                        ? SEARCH_HOLDOFF_MAX : searchHoldoff.multipliedBy(2);
            }
        }
    }

    /** The configured rate first (the receiver may have come back to it), the usual ones, the current rate last. */
    private List<Integer> searchOrder() {
        java.util.LinkedHashSet<Integer> order = new java.util.LinkedHashSet<>();
        order.add(settings.baud());
        order.addAll(BaudDetector.CANDIDATES);
        order.remove(baud);
        order.add(baud);
        return List.copyOf(order);
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
        if (others.equals(lastOtherReaders)) {
            return; // said already (a reconnection or a rate search reopens the port: not news)
        }
        lastOtherReaders = others;
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
            case SerialLinkState.Searching searching -> LOG.warn(searching.describe());
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
