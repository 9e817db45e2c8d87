package io.gnomon.adapter.udp.linux;

import io.gnomon.ntp.RateLimitSettings;

/**
 * How NTP is served: which socket path runs, how the Linux one runs, and the per-client rate limits the server
 * core applies on every path.
 *
 * @param preference auto (Linux path where it works, else portable), linux, or portable
 * @param linux      threads, batch size and transmit stamping of the Linux path
 * @param rateLimit  per-client limits (one table per receive thread), on either path
 */
public record SocketPathSettings(SocketPathChoice.Preference preference, LinuxUdpSettings linux,
                                 RateLimitSettings rateLimit) {

    public static SocketPathSettings standard() {
        return new SocketPathSettings(SocketPathChoice.Preference.AUTO, LinuxUdpSettings.standard(),
                RateLimitSettings.standard());
    }
}
