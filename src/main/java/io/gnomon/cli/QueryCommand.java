package io.gnomon.cli;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.ntp.ClientOutcome;
import io.gnomon.ntp.ClientQuery;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.time.UtcTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gnomon query HOST[:PORT]}: ask any NTP server a few times and print what it says, like ntpdig. */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        description = {"Send a few NTP client requests (version 4) and print the server's offset, delay, stratum,",
                "refid, leap indicator and root dispersion from the exchange with the smallest delay.",
                "Exit 0 for a synchronised answer, 1 otherwise."})
public final class QueryCommand implements Callable<Integer> {
    static final int NTP_PORT = 123;
    public static final int DEFAULT_SAMPLES = 4;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", description = "Server name or address; IPv6 with a port as [::1]:12300."
            + " Default port 123.")
    private String target;

    @Option(names = "--samples", paramLabel = "N", description = "Exchanges to make, back to back; the one with the"
            + " smallest delay is reported (as NTP clients do). Given, each sample is printed too. Default: "
            + DEFAULT_SAMPLES + ".")
    private Integer samples;

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
        int n = samples == null ? DEFAULT_SAMPLES : samples;
        if (n < 1 || n > 64) {
            throw new QueryFailure("--samples must be 1 to 64, not " + n);
        }
        SecureRandom random = new SecureRandom();
        List<Sample> answers = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.setSoTimeout((int) Math.max(1, Math.round(timeoutSeconds * 1000)));
            for (int i = 0; i < n; i++) {
                ClientOutcome outcome;
                try {
                    outcome = exchange(socket, random.nextLong());
                } catch (SocketTimeoutException e) {
                    if (answers.isEmpty()) {
                        throw new QueryFailure("no reply from " + where + " within " + fmtSeconds(timeoutSeconds) + " s");
                    }
                    break; // a server that answered once and then not: judge by what it said
                }
                switch (outcome) {
                    case ClientOutcome.Answer a -> answers.add(new Sample(a.reply(), a.offsetNanos(), a.delayNanos(), true));
                    case ClientOutcome.Unsynchronised u ->
                            answers.add(new Sample(u.reply(), u.offsetNanos(), u.delayNanos(), false));
                    case ClientOutcome.KissOfDeath k -> {
                        if (answers.isEmpty()) {
                            throw new QueryFailure(where + " sent a Kiss-o'-Death, code " + k.code() + kissMeaning(k.code()));
                        }
                        i = n; // asked to slow down: no more exchanges
                    }
                    case ClientOutcome.Invalid inv -> throw new QueryFailure("invalid reply from " + where + ": "
                            + inv.reason());
                }
            }
        } catch (PortUnreachableException e) {
            throw new QueryFailure("nothing answers NTP at " + where + " (port unreachable)");
        } catch (IOException e) {
            throw new QueryFailure("cannot query " + where + ": " + e.getMessage());
        }
        if (samples != null) {
            for (int i = 0; i < answers.size(); i++) {
                out.println(String.format(Locale.ROOT, "sample %-8d offset %+.9f s  delay %.9f s", i + 1,
                        answers.get(i).offsetNanos() / 1e9, answers.get(i).delayNanos() / 1e9));
            }
        }
        Sample best = answers.stream().min(Comparator.comparingLong(Sample::delayNanos)).orElseThrow();
        print(out, where, best.reply(), best.offsetNanos(), best.delayNanos());
        if (!best.synchronised()) {
            throw new QueryFailure(where + " is not synchronised (leap indicator " + best.reply().leap().bits()
                    + ", stratum " + best.reply().stratum() + "): its time must not be used");
        }
        return 0;
    }

    private record Sample(NtpPacket reply, long offsetNanos, long delayNanos, boolean synchronised) {}

    /**
     * One request and its reply. The request is built first and T1 read immediately before the send; the reply is
     * read by a blocking receive and T4 read as soon as it returns, so neither timestamp includes our own setup.
     */
    private static ClientOutcome exchange(DatagramSocket socket, long nonce) throws IOException {
        ByteBuffer request = ClientQuery.request(nonce);
        byte[] bytes = new byte[request.remaining()];
        request.get(bytes);
        DatagramPacket out = new DatagramPacket(bytes, bytes.length);
        DatagramPacket in = new DatagramPacket(new byte[1024], 1024);
        UtcTime sent = now();
        socket.send(out);
        socket.receive(in);
        UtcTime received = now();
        return ClientQuery.judge(ByteBuffer.wrap(in.getData(), 0, in.getLength()).slice(), nonce, sent, received);
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
