package io.gnomon.adapter.http;

import io.gnomon.status.StatusFeed;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only status surface over HTTP/1.1 (routes in {@link StatusRoutes}). One selector thread reads request
 * heads and writes replies without blocking, so a client that sends slowly or reads slowly holds a few kilobytes,
 * never a thread; the one answering thread only builds replies from memory. {@link HttpLimits} bounds how long a
 * connection may take and how many are kept (see docs/RELIABILITY.md, "The status surface on a LAN"). Every reply
 * closes its connection.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);
    private static final long TICK_MILLIS = 100;

    /** One connection's state, attached to its selection key; touched only by the selector thread. */
    private static final class Conn {
        final ByteBuffer in;
        ConnectionTable.Entry<SelectionKey> entry;
        ByteBuffer out;
        boolean replied;

        Conn(int maxHead) {
            in = ByteBuffer.allocate(maxHead);
        }
    }

    private record Built(SelectionKey key, byte[] bytes) {}

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final HttpLimits limits;
    private final StatusRoutes routes;
    private final ConnectionTable<SelectionKey> table;
    private final ExecutorService answering;
    private final Queue<Built> built = new ConcurrentLinkedQueue<>();
    private final Map<ConnectionTable.Reason, AtomicLong> closed = new EnumMap<>(ConnectionTable.Reason.class);
    private final AtomicLong open = new AtomicLong();
    private final Thread loop;
    private volatile boolean closing;

    private StatusHttpServer(ServerSocketChannel listener, Selector selector, HttpLimits limits, StatusFeed feed) {
        this.listener = listener;
        this.selector = selector;
        this.limits = limits;
        this.routes = new StatusRoutes(feed);
        this.table = new ConnectionTable<>(limits);
        for (ConnectionTable.Reason r : ConnectionTable.Reason.values()) {
            closed.put(r, new AtomicLong());
        }
        this.answering = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("gnomon-http-answer")
                .factory());
        this.loop = Thread.ofPlatform().daemon().name("gnomon-http").unstarted(this::run);
    }

    /**
     * @throws HttpListenException with a one-line reason when the address cannot be bound
     */
    public static StatusHttpServer start(InetSocketAddress at, StatusFeed feed) throws HttpListenException {
        return start(at, feed, HttpLimits.DEFAULT);
    }

    public static StatusHttpServer start(InetSocketAddress at, StatusFeed feed, HttpLimits limits)
            throws HttpListenException {
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(at, 1024);
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            StatusHttpServer server = new StatusHttpServer(listener, selector, limits, feed);
            server.loop.start();
            return server;
        } catch (BindException e) {
            closeQuietly(listener);
            throw new HttpListenException(at, describe(e));
        } catch (IOException e) {
            closeQuietly(listener);
            throw new HttpListenException(at, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static String describe(BindException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("already in use")) {
            return "address already in use (another Gnomon, or another web server, is listening there)";
        }
        if (m.contains("cannot assign")) {
            return "no interface of this host has that address";
        }
        if (m.contains("permission denied")) {
            return "permission denied";
        }
        return e.getMessage();
    }

    /** Where it listens (port 0 resolved). */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("listener closed", e);
        }
    }

    /** Connections open now. */
    public long openConnections() {
        return open.get();
    }

    /** Connections closed by the server, by reason: evicted for a newer one, header timeout, write timeout. */
    public Map<String, Long> closedByReason() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        closed.forEach((r, n) -> counts.put(r.name().toLowerCase(Locale.ROOT), n.get()));
        return counts;
    }

    private void run() {
        while (!closing) {
            try {
                selector.select(TICK_MILLIS);
                for (Built b; (b = built.poll()) != null; ) {
                    startWriting(b);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll();
                    } else if (key.isReadable()) {
                        read(key);
                    } else if (key.isWritable()) {
                        write(key);
                    }
                }
                selector.selectedKeys().clear();
                for (ConnectionTable.Close<SelectionKey> c : table.overdue(System.nanoTime())) {
                    closeKey(c.handle(), c.reason());
                }
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    log.warn("HTTP status surface: {}", e.toString());
                }
            }
        }
    }

    private void acceptAll() throws IOException {
        for (SocketChannel ch; (ch = listener.accept()) != null; ) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn conn = new Conn(limits.maxHeadBytes());
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ, conn);
            open.incrementAndGet();
            InetSocketAddress peer = (InetSocketAddress) ch.getRemoteAddress();
            conn.entry = table.open(key, peer.getAddress(), System.nanoTime());
            for (ConnectionTable.Close<SelectionKey> c : table.admit(conn.entry)) {
                closeKey(c.handle(), c.reason());
            }
        }
    }

    private void read(SelectionKey key) {
        Conn conn = (Conn) key.attachment();
        SocketChannel ch = (SocketChannel) key.channel();
        try {
            if (conn.replied) {
                // the reply is out and our side shut; drain what the client still sends until it closes
                if (ch.read(ByteBuffer.allocate(512)) < 0) {
                    closeKey(key, null);
                }
                return;
            }
            if (ch.read(conn.in) < 0) {
                closeKey(key, null);
                return;
            }
        } catch (IOException e) {
            closeKey(key, null);
            return;
        }
        RequestHead head = RequestHead.parse(conn.in);
        if (head == RequestHead.INCOMPLETE) {
            if (!conn.in.hasRemaining()) {
                table.answering(conn.entry);
                key.interestOps(0);
                built.add(new Built(key, serialize(StatusRoutes.Reply.text(431, "request head too large\n"), true)));
            }
            return;
        }
        table.answering(conn.entry);
        key.interestOps(0);
        answering.execute(() -> {
            byte[] bytes;
            try {
                bytes = serialize(routes.answer(head), !"HEAD".equals(head.method()));
            } catch (RuntimeException e) {
                log.warn("HTTP {} failed: {}", head.path(), e.toString());
                bytes = serialize(StatusRoutes.Reply.text(500, "internal error\n"), true);
            }
            built.add(new Built(key, bytes));
            selector.wakeup();
        });
    }

    private void startWriting(Built b) {
        if (!b.key().isValid()) {
            return; // evicted while its reply was being built
        }
        Conn conn = (Conn) b.key().attachment();
        conn.out = ByteBuffer.wrap(b.bytes());
        table.writing(conn.entry, System.nanoTime());
        b.key().interestOps(SelectionKey.OP_WRITE);
        write(b.key());
    }

    private void write(SelectionKey key) {
        Conn conn = (Conn) key.attachment();
        SocketChannel ch = (SocketChannel) key.channel();
        try {
            ch.write(conn.out);
            if (!conn.out.hasRemaining()) {
                // shut our side, then read until the client closes (write deadline still applies): closing with
                // unread request bytes would reset the connection and could destroy the reply in flight
                conn.replied = true;
                ch.shutdownOutput();
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            closeKey(key, null);
        }
    }

    private void closeKey(SelectionKey key, ConnectionTable.Reason reason) {
        Conn conn = (Conn) key.attachment();
        if (conn != null && conn.entry != null) {
            table.remove(conn.entry);
        }
        if (reason != null) {
            closed.get(reason).incrementAndGet();
        }
        if (key.isValid()) {
            open.decrementAndGet();
        }
        key.cancel();
        closeQuietly(key.channel());
    }

    private static byte[] serialize(StatusRoutes.Reply reply, boolean withBody) {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(reply.code()).append(' ')
                .append(phrase(reply.code())).append("\r\n");
        reply.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(reply.body().length).append("\r\nConnection: close\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (!withBody) {
            return h;
        }
        byte[] all = new byte[h.length + reply.body().length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(reply.body(), 0, all, h.length, reply.body().length);
        return all;
    }

    private static String phrase(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do: the peer is gone either way
        }
    }

    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        closeQuietly(selector);
        closeQuietly(listener);
        answering.shutdownNow();
    }
}
