package io.gnomon.adapter.udp.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Instant;

/** A blocking test client with a read timeout, optionally bound to a given loopback source address. */
final class LoopbackClient implements AutoCloseable {
    private final DatagramChannel channel;
    private final Clock host = Clock.systemUTC();

    LoopbackClient(InetSocketAddress server, InetSocketAddress source) throws IOException {
        channel = DatagramChannel.open(server.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        if (source != null) {
            channel.bind(source);
        }
        channel.connect(server);
        channel.configureBlocking(false);
    }

    long nowNanos() {
        Instant i = host.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    void send(ByteBuffer request) throws IOException {
        channel.write(request);
    }

    /**
     * The next reply, or null after ten seconds. The wait only bounds a failure (a reply that never comes): no
     * test judges anything by how long a reply took, so a busy machine only makes a passing test slower.
     */
    ByteBuffer receive() throws IOException, InterruptedException {
        return receive(10_000_000_000L);
    }

    /** The next reply, or null after {@code waitNanos}. */
    ByteBuffer receive(long waitNanos) throws IOException, InterruptedException {
        ByteBuffer in = ByteBuffer.allocate(2048);
        long deadline = System.nanoTime() + waitNanos;
        while (System.nanoTime() < deadline) {
            if (channel.read(in) > 0) {
                return in.flip();
            }
            Thread.sleep(1);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
