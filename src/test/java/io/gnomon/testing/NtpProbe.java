package io.gnomon.testing;

import io.gnomon.adapter.udp.ListenAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A minimal NTPv4 client for tests: one mode-3 request, the reply's header fields. */
public record NtpProbe(int leap, int version, int mode, int stratum, String refId, long originTimestamp, int length) {
    public static final long REQUEST_TRANSMIT = 0x0123456789abcdefL;

    /** Null when no reply came within the timeout. */
    public static NtpProbe query(ListenAddress server, int timeoutMillis) throws IOException {
        byte[] request = new byte[48];
        request[0] = 0x23; // LI 0, version 4, mode 3
        ByteBuffer.wrap(request).putLong(40, REQUEST_TRANSMIT);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.address(), 0))) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(request, request.length, server.socketAddress()));
            byte[] buf = new byte[1024];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            ByteBuffer r = ByteBuffer.wrap(buf, 0, p.getLength());
            String refId = new String(buf, 12, 4, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
            return new NtpProbe((buf[0] >> 6) & 3, (buf[0] >> 3) & 7, buf[0] & 7, buf[1] & 0xff, refId,
                    r.getLong(24), p.getLength());
        }
    }

    /** A UDP port nobody is using right now (bind, read, release). */
    public static int freePort(String address) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return s.getLocalPort();
        }
    }
}
