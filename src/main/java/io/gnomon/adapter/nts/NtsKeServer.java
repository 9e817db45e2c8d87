package io.gnomon.adapter.nts;

import io.gnomon.nts.CookieKeys;
import io.gnomon.nts.NtsKeMessage;
import io.gnomon.nts.NtsKeRecord;
import io.gnomon.nts.NtsKeServerExchange;
import io.gnomon.nts.Randomness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NTS-KE server (RFC 8915 §4) on TCP: TLS 1.3 only, ALPN {@code ntske/1}, one request and one response per
 * connection. Moves bytes only: {@link NtsKeServerExchange} decides the response.
 *
 * <p>Bounded: at most {@code maxSessions} sessions at once (a connection beyond that is closed at once, counted
 * busy); each session runs on a virtual thread, with a read timeout and an overall deadline after which its
 * socket is closed, so a slow or abandoned client holds one permit for at most the deadline.
 */
public final class NtsKeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("gnomon.nts");
    public static final String ALPN = "ntske/1";
    public static final int DEFAULT_PORT = 4460;

    /** Limits of one server. */
    public record Limits(int maxSessions, Duration readTimeout, Duration sessionDeadline) {
        public static final Limits STANDARD = new Limits(64, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private final SSLServerSocket socket;
    private final ReloadingKeyManager keys;
    private final Supplier<CookieKeys> master;
    private final Supplier<NtsKeServerExchange.NtpEndpoint> endpoint;
    private final Randomness random;
    private final Limits limits;
    private final Semaphore sessions;
    private final NtsKeCounters counters = new NtsKeCounters();
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;

    private NtsKeServer(SSLServerSocket socket, ReloadingKeyManager keys, Supplier<CookieKeys> master,
                        Supplier<NtsKeServerExchange.NtpEndpoint> endpoint, Randomness random, Limits limits) {
        this.socket = socket;
        this.keys = keys;
        this.master = master;
        this.endpoint = endpoint;
        this.random = random;
        this.limits = limits;
        this.sessions = new Semaphore(limits.maxSessions());
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gnomon-nts-ke-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "gnomon-nts-ke-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds and starts accepting.
     *
     * @param listen   address and TCP port (port 0: any free port, see {@link #port()})
     * @param master   the current cookie master keys
     * @param endpoint what to tell clients about the NTP server and port, read per session
     */
    public static NtsKeServer start(InetSocketAddress listen, NtsCredentials credentials, Clock clock,
                                    Supplier<CookieKeys> master, Supplier<NtsKeServerExchange.NtpEndpoint> endpoint,
                                    Randomness random, Limits limits) throws IOException {
        ReloadingKeyManager keys = new ReloadingKeyManager(credentials, clock);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLSv1.3");
            context.init(new KeyManager[] {keys}, null, new java.security.SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS 1.3 is not available in this JDK: " + e.getMessage(), e);
        }
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setApplicationProtocols(new String[] {ALPN});
        s.setSSLParameters(p);
        try {
            s.bind(listen, 128);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot listen for NTS-KE on " + listen + ": " + e.getMessage(), e);
        }
        NtsKeServer server = new NtsKeServer(s, keys, master, endpoint, random, limits);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public NtsKeCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** The certificate served now (after any reload). */
    public NtsCredentials credentials() {
        return keys.current();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("NTS-KE accept failed: {}", e.getMessage());
                }
                continue;
            }
            if (!sessions.tryAcquire()) {
                counters.busy.increment();
                closeQuietly(s);
                continue;
            }
            keys.reloadIfChanged();
            Thread.ofVirtual().name("gnomon-nts-ke-session").start(() -> {
                try {
                    serve((SSLSocket) s);
                } finally {
                    sessions.release();
                }
            });
        }
    }

    private void serve(SSLSocket s) {
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            closeQuietly(s);
        }, limits.sessionDeadline().toMillis(), TimeUnit.MILLISECONDS);
        try {
            s.setSoTimeout((int) limits.readTimeout().toMillis());
            s.setTcpNoDelay(true);
            try {
                s.startHandshake();
            } catch (SocketTimeoutException e) {
                counters.timedOut.increment();
                return;
            } catch (IOException e) {
                if (expired.get()) {
                    counters.timedOut.increment();
                } else {
                    counters.handshakeFailed.increment();
                }
                return;
            }
            if (!ALPN.equals(s.getApplicationProtocol())) {
                counters.noAlpn.increment();
                return;
            }
            byte[] request = readMessage(s.getInputStream());
            if (request == null) {
                counters.malformed.increment();
                return;
            }
            if (!(NtsKeMessage.decode(request) instanceof NtsKeMessage.Records(var records))) {
                counters.malformed.increment();
                respond(s, java.util.List.of(NtsKeRecord.ofShorts(true, NtsKeRecord.ERROR,
                        NtsKeRecord.ERROR_BAD_REQUEST), NtsKeMessage.endOfMessage()));
                return;
            }
            ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
            NtsKeServerExchange.Response response = NtsKeServerExchange.respond(records, (label, context, length) -> {
                try {
                    return session.exportKeyingMaterialData(label, context, length);
                } catch (SSLKeyException e) {
                    throw new IllegalStateException("TLS exporter failed", e);
                }
            }, master.get(), endpoint.get(), random);
            respond(s, response.records());
            if (response.outcome() == NtsKeServerExchange.Outcome.COOKIES_ISSUED) {
                counters.cookiesIssued.increment();
            } else {
                counters.refusedRequests.increment();
            }
        } catch (SocketTimeoutException e) {
            counters.timedOut.increment();
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                counters.timedOut.increment();
            } else {
                counters.malformed.increment();
            }
        } finally {
            deadline.cancel(false);
            closeQuietly(s);
        }
    }

    /** Reads records up to End of Message; null when the stream ends first or the message is too long. */
    private static byte[] readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            byte[] header = in.readNBytes(NtsKeRecord.HEADER_LENGTH);
            if (header.length < NtsKeRecord.HEADER_LENGTH) {
                return null;
            }
            int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            if (message.size() + header.length + length > NtsKeMessage.MAX_MESSAGE_LENGTH) {
                return null;
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return null;
            }
            message.writeBytes(header);
            message.writeBytes(body);
            if ((((header[0] & 0x7F) << 8) | (header[1] & 0xFF)) == NtsKeRecord.END_OF_MESSAGE) {
                return message.toByteArray();
            }
        }
    }

    private static void respond(SSLSocket s, java.util.List<NtsKeRecord> records) throws IOException {
        s.getOutputStream().write(NtsKeMessage.encode(records));
        s.getOutputStream().flush();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            // already closed or reset: nothing to do
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a listening socket: nothing to do
        }
        deadlines.shutdownNow();
    }
}
