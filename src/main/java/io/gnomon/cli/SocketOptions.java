package io.gnomon.cli;

import io.gnomon.adapter.udp.linux.LinuxUdpSettings;
import io.gnomon.adapter.udp.linux.SocketPathChoice;
import io.gnomon.adapter.udp.linux.SocketPathSettings;
import io.gnomon.ntp.RateLimitSettings;
import picocli.CommandLine.Option;

/** Command-line options choosing and tuning the NTP socket path (a picocli mixin). */
public final class SocketOptions {

    @Option(names = "--udp-path", paramLabel = "auto|linux|portable",
            description = "Socket path: linux = recvmmsg/sendmmsg with kernel timestamps through FFM; portable ="
                    + " DatagramChannel; auto (default) = linux where it works, else portable.")
    private String path = "auto";

    @Option(names = "--udp-threads", paramLabel = "N",
            description = "Receive threads per listen address on the linux path (SO_REUSEPORT). Default: 1.")
    private int threads = 1;

    @Option(names = "--udp-batch", paramLabel = "N",
            description = "Datagrams per recvmmsg/sendmmsg on the linux path. Default: 64.")
    private int batch = 64;

    @Option(names = "--transmit-stamp", paramLabel = "predicted|batch-start",
            description = "Linux path transmit timestamps: each reply's predicted departure (default), or one"
                    + " reading per batch (for comparison only: early for later replies).")
    private String transmitStamp = "predicted";

    @Option(names = "--tx-calibrate-every", paramLabel = "N",
            description = "Linux path: sample the kernel's transmit timestamps on one batch in N to learn when each"
                    + " reply of a sendmmsg leaves (0 = never). Default: 16.")
    private int calibrateEvery = 16;

    @Option(names = "--udp-send-chunk", paramLabel = "N",
            description = "Linux path: replies per sendmmsg (a received batch is answered in chunks of N, so each"
                    + " transmit timestamp is predicted at most N-1 datagrams ahead). Default: 4.")
    private int sendChunk = LinuxUdpSettings.DEFAULT_SEND_CHUNK;

    @Option(names = "--udp-small-send-chunk", paramLabel = "N",
            description = "Linux path: replies per sendmmsg when fewer than 16 requests came in together. 1 (default):"
                    + " each reply is sent alone right after its transmit timestamp is read, so T3 is never after"
                    + " the departure; 2 saves send calls at a small risk of a T3 a few microseconds late.")
    private int smallSendChunk = LinuxUdpSettings.DEFAULT_SMALL_SEND_CHUNK;

    @Option(names = "--udp-gather-wait", paramLabel = "MICROSECONDS",
            description = "Linux path: when requests arrive fast but spread out, pause up to this long before the"
                    + " next receive so several are served per wake-up (fewer system calls and less CPU; adds up"
                    + " to this much round-trip time, timestamps unaffected). 0 = never. Default: 200.")
    private long gatherWaitMicros = LinuxUdpSettings.DEFAULT_GATHER_WAIT_NANOS / 1_000;

    @Option(names = "--udp-receive-buffer", paramLabel = "BYTES",
            description = "Linux path: socket receive buffer, where requests wait while the receive thread is"
                    + " paused (SO_RCVBUFFORCE with CAP_NET_ADMIN, else SO_RCVBUF, which net.core.rmem_max caps:"
                    + " the package's /usr/lib/sysctl.d/60-gnomon.conf raises it). The startup log says what the"
                    + " kernel gave. 0 = the kernel's default. Default: 33554432 (32 MiB).")
    private int receiveBuffer = LinuxUdpSettings.DEFAULT_RECEIVE_BUFFER_BYTES;

    @Option(names = "--interleave", paramLabel = "on|off",
            description = "Linux path: interleaved mode (chrony's xleave): every reply asks the kernel for its transmit"
                    + " timestamp, and a client that asks gets the previous reply's exact departure. Default: on.")
    private String interleave = "on";

    @Option(names = "--rate-limit", paramLabel = "on|off",
            description = "Per-client rate limiting with KoD RATE (either UDP path). Default: on.")
    private String rateLimit = "on";

    @Option(names = "--rate-limit-interval", paramLabel = "SECONDS",
            description = "Average spacing a client must keep. Default: 2.")
    private double rateInterval = 2.0;

    @Option(names = "--rate-limit-burst", paramLabel = "N",
            description = "Requests a client may send back to back. Default: 16.")
    private int rateBurst = 16;

    @Option(names = "--rate-limit-loopback",
            description = "Also rate-limit 127.0.0.0/8 and ::1 (exempt by default).")
    private boolean rateLoopback;

    SocketPathSettings settings() {
        SocketPathChoice.Preference preference = switch (path) {
            case "auto" -> SocketPathChoice.Preference.AUTO;
            case "linux" -> SocketPathChoice.Preference.LINUX;
            case "portable" -> SocketPathChoice.Preference.PORTABLE;
            default -> throw new IllegalArgumentException("--udp-path: expected auto, linux or portable, not " + path);
        };
        LinuxUdpSettings.TransmitStamp stamp = switch (transmitStamp) {
            case "predicted" -> LinuxUdpSettings.TransmitStamp.PREDICTED;
            case "batch-start" -> LinuxUdpSettings.TransmitStamp.BATCH_START;
            default -> throw new IllegalArgumentException(
                    "--transmit-stamp: expected predicted or batch-start, not " + transmitStamp);
        };
        boolean limit = switch (rateLimit) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--rate-limit: expected on or off, not " + rateLimit);
        };
        boolean xleave = switch (interleave) {
            case "on" -> calibrateEvery > 0;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--interleave: expected on or off, not " + interleave);
        };
        if (!(rateInterval > 0 && rateInterval < 1e6)) {
            throw new IllegalArgumentException("--rate-limit-interval must be a positive number of seconds");
        }
        RateLimitSettings standard = RateLimitSettings.standard();
        RateLimitSettings limits = new RateLimitSettings(limit, standard.tableSlots(),
                Math.max(1, Math.round(rateInterval * 1e9)), rateBurst, standard.kissOneIn(), rateLoopback);
        return new SocketPathSettings(preference, new LinuxUdpSettings(threads, batch, stamp, calibrateEvery,
                sendChunk, smallSendChunk, Math.multiplyExact(gatherWaitMicros, 1_000L), receiveBuffer, xleave), limits);
    }
}
