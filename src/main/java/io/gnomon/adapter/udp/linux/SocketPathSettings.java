package io.gnomon.adapter.udp.linux;

/**
 * Which socket path to run and how the Linux one runs.
 *
 * @param preference auto (Linux path where it works, else portable), linux, or portable
 * @param linux      threads, batch size, transmit stamping and rate limits of the Linux path
 */
public record SocketPathSettings(SocketPathChoice.Preference preference, LinuxUdpSettings linux) {

    public static SocketPathSettings standard() {
        return new SocketPathSettings(SocketPathChoice.Preference.AUTO, LinuxUdpSettings.standard());
    }
}
