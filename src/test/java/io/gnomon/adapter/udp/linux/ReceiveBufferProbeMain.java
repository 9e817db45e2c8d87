package io.gnomon.adapter.udp.linux;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.TestServers;
import io.gnomon.adapter.udp.UdpServer;
import java.util.List;

/**
 * Run in a child JVM by ReceiveBufferGrantTest: starts the Linux path as the service does (choice, live probe,
 * start, startup log) on 127.0.0.1 with the receive buffer given as the argument, prints
 * {@code SOCKET port kernelBytes grantedBytes forced}, and keeps the socket open until a line arrives on stdin
 * so the parent can look at it from outside.
 */
public final class ReceiveBufferProbeMain {
    private ReceiveBufferProbeMain() {}

    public static void main(String[] args) throws Exception {
        int asked = Integer.parseInt(args[0]);
        LinuxAbi abi = LinuxAbi.forOsArch(System.getProperty("os.arch")).orElseThrow();
        LinuxUdpSettings settings = new LinuxUdpSettings(1, 16, LinuxUdpSettings.TransmitStamp.PREDICTED,
                16, LinuxUdpSettings.DEFAULT_SEND_CHUNK,
                LinuxUdpSettings.DEFAULT_SMALL_SEND_CHUNK, LinuxUdpSettings.DEFAULT_GATHER_WAIT_NANOS, asked);
        SocketPaths.Chosen chosen = SocketPaths.choose(new SocketPathChoice.Linux(abi), SocketPaths::probe,
                SystemClocks.REALTIME, SystemClocks.MONOTONIC, settings);
        try (UdpServer server = chosen.path().start(List.of(ListenAddress.parse("127.0.0.1:0")), TestServers.plain(),
                (where, why) -> { })) {
            if (!(server instanceof LinuxUdpServer linux)) {
                System.out.println("NOT LINUX PATH " + server);
                System.exit(2);
                return;
            }
            ReceiveBuffer b = linux.receiveBuffer();
            System.out.println("SOCKET " + server.listening().getFirst().port() + " " + b.kernelBytes() + " "
                    + b.grantedBytes() + " " + b.forced());
            System.out.flush();
            System.in.read();
        }
    }
}
