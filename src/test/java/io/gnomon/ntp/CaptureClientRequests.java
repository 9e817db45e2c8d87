package io.gnomon.ntp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Captures real NTP client requests for the golden tests: listens on loopback UDP, runs one client against
 * it, and saves the first datagram as hex. Not a test; run by hand (ntpdig needs port 123, so as root):
 *
 * <pre>
 * mvn -q test-compile &amp;&amp; java -cp target/test-classes:target/classes io.gnomon.ntp.CaptureClientRequests \
 *     src/test/resources/ntp/requests
 * </pre>
 */
public final class CaptureClientRequests {

    private static final String SHA1_KEY = "0123456789abcdef0123456789abcdef01234567";

    private record Capture(String name, int port, List<String> command) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/ntp/requests");
        Files.createDirectories(out);
        Path tmp = Files.createTempDirectory("gnomon-capture");
        Path chronyKeys = secretFile(tmp.resolve("chrony.keys"), "1 SHA1 HEX:" + SHA1_KEY.toUpperCase() + "\n");
        Path ntpKeys = secretFile(tmp.resolve("ntp.keys"), "1 SHA1 " + SHA1_KEY + "\n");

        int port = freePort();
        String server = "server 127.0.0.1 port " + port + " iburst";
        List<Capture> captures = List.of(
                new Capture("chronyd-v4", port, chronyd(server)),
                new Capture("chronyd-v3", port, chronyd(server + " version 3")),
                new Capture("chronyd-v4-sha1-mac", port, chronyd("keyfile " + chronyKeys, server + " key 1")),
                new Capture("chronyd-v4-extfield-f323", port, chronyd(server + " extfield F323")),
                new Capture("ntpdig-v4", 123, List.of("ntpdig", "-t", "1", "127.0.0.1")),
                new Capture("ntpdig-v4-sha1-mac", 123,
                        List.of("ntpdig", "-t", "1", "-k", ntpKeys.toString(), "-a", "1", "127.0.0.1")));
        for (Capture c : captures) {
            byte[] request = capture(c);
            Files.writeString(out.resolve(c.name() + ".hex"), HexFormat.of().formatHex(request) + "\n");
            System.out.printf("%-26s %3d bytes%n", c.name(), request.length);
        }
    }

    private static List<String> chronyd(String... directives) {
        List<String> command = new ArrayList<>(List.of("chronyd", "-Q", "-t", "3", "-f", "/dev/null", "cmdport 0"));
        command.addAll(List.of(directives));
        return command;
    }

    private static byte[] capture(Capture c) throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), c.port()))) {
            socket.setSoTimeout(10_000);
            Process client = new ProcessBuilder(c.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                socket.receive(p);
                byte[] bytes = new byte[p.getLength()];
                System.arraycopy(p.getData(), p.getOffset(), bytes, 0, p.getLength());
                return bytes;
            } catch (SocketTimeoutException e) {
                throw new IOException(c.name() + ": no request within 10 s from " + String.join(" ", c.command()), e);
            } finally {
                client.destroy();
                client.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static Path secretFile(Path path, String content) throws IOException {
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return path;
    }

    private CaptureClientRequests() {
    }
}
