package io.gnomon.cli;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.ntp.ClientOutcome;
import io.gnomon.ntp.ClientQuery;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gnomon query HOST[:PORT]}: ask any NTP server once and print what it says, like ntpdig. */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        description = {"Send one NTP client request (version 4) and print the server's offset, delay, stratum,",
                "refid, leap indicator and root dispersion. Exit 0 for a synchronised answer, 1 otherwise."})
public final class QueryCommand implements Callable<Integer> {
    static final int NTP_PORT = 123;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", description = "Server name or address; IPv6 with a port as [::1]:12300."
            + " Default port 123.")
    private String target;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the reply. Default: 2.")
    private double timeoutSeconds = 2;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            int code = query(out);
            out.flush();
            return code;
        } catch (QueryFailure e) {
            out.flush();
            err.println("gnomon query: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private int query(PrintWriter out) throws QueryFailure {
        HostPort hp = HostPort.parse(target, NTP_PORT);
        InetAddress address;
        try {
            address = InetAddress.getByName(hp.host());
        } catch (UnknownHostException e) {
            throw new QueryFailure("cannot resolve '" + hp.host() + "': unknown host");
        }
        InetSocketAddress server = new InetSocketAddress(address, hp.port());
        String where = (address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress()) + ":" + hp.port();
        long nonce = new SecureRandom().nextLong();
        ByteBuffer reply = ByteBuffer.allocate(1024);
        UtcTime sent;
        UtcTime received;
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            channel.connect(server);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            sent = now();
            channel.write(ClientQuery.request(nonce));
            long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new QueryFailure("no reply from " + where + " within " + fmtSeconds(timeoutSeconds) + " s");
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                reply.clear();
                if (channel.read(reply) > 0) {
                    received = now();
                    break;
                }
            }
        } catch (PortUnreachableException e) {
            throw new QueryFailure("nothing answers NTP at " + where + " (port unreachable)");
        } catch (IOException e) {
            throw new QueryFailure("cannot query " + where + ": " + e.getMessage());
        }
        reply.flip();
        ClientOutcome outcome = ClientQuery.judge(reply, nonce, sent, received);
        return switch (outcome) {
            case ClientOutcome.Answer a -> {
                print(out, where, a.reply(), a.offsetNanos(), a.delayNanos());
                yield 0;
            }
            case ClientOutcome.Unsynchronised u -> {
                print(out, where, u.reply(), u.offsetNanos(), u.delayNanos());
                throw new QueryFailure(where + " is not synchronised (leap indicator " + u.reply().leap().bits()
                        + ", stratum " + u.reply().stratum() + "): its time must not be used");
            }
            case ClientOutcome.KissOfDeath k -> throw new QueryFailure(where + " sent a Kiss-o'-Death, code "
                    + k.code() + kissMeaning(k.code()));
            case ClientOutcome.Invalid i -> throw new QueryFailure("invalid reply from " + where + ": " + i.reason());
        };
    }

    private static String kissMeaning(String code) {
        return switch (code) {
            case "RATE" -> " (asking too often: wait before asking again)";
            case "DENY", "RSTR" -> " (access denied)";
            default -> "";
        };
    }

    private static void print(PrintWriter out, String where, NtpPacket p, long offsetNanos, long delayNanos) {
        out.println("server          " + where);
        out.println("offset          " + String.format(Locale.ROOT, "%+.9f s", offsetNanos / 1e9));
        out.println("delay           " + String.format(Locale.ROOT, "%.9f s", delayNanos / 1e9));
        out.println("stratum         " + p.stratum());
        out.println("refid           " + p.refId().ascii());
        out.println("leap            " + switch (p.leap()) {
            case NO_WARNING -> "none";
            case INSERT_SECOND -> "insert";
            case DELETE_SECOND -> "delete";
            case UNSYNCHRONISED -> "unsynchronised";
        });
        out.println("root dispersion " + String.format(Locale.ROOT, "%.9f s", p.rootDispersion().toSeconds()));
        out.println("root delay      " + String.format(Locale.ROOT, "%.9f s", p.rootDelay().toSeconds()));
        out.println("precision       2^" + p.precision() + " s");
        out.println("version         " + p.version());
        out.println("reference time  " + (p.referenceTime().isZero() ? "never"
                : p.referenceTime().toUtc(UtcTime.of(java.time.Instant.now())).toInstant()));
    }

    private static UtcTime now() {
        return new UtcTime(SystemClocks.REALTIME.now().epochNanos());
    }

    private static String fmtSeconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /** HOST, HOST:PORT, [V6], [V6]:PORT or a bare IPv6 address. */
    record HostPort(String host, int port) {
        static HostPort parse(String text, int defaultPort) throws QueryFailure {
            String host = text;
            String port = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw new QueryFailure("'" + text + "': missing ']' after the IPv6 address");
                }
                host = text.substring(1, close);
                String rest = text.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new QueryFailure("'" + text + "': expected :PORT after ']'");
                    }
                    port = rest.substring(1);
                }
            } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
                host = text.substring(0, text.indexOf(':'));
                port = text.substring(text.indexOf(':') + 1);
            }
            if (host.isEmpty()) {
                throw new QueryFailure("'" + text + "': no host");
            }
            if (port == null) {
                return new HostPort(host, defaultPort);
            }
            try {
                int p = Integer.parseInt(port);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, p);
            } catch (NumberFormatException e) {
                throw new QueryFailure("'" + port + "' is not a port number (1-65535)");
            }
        }
    }

    static final class QueryFailure extends Exception {
        private static final long serialVersionUID = 1L;

        QueryFailure(String message) {
            super(message);
        }
    }
}
