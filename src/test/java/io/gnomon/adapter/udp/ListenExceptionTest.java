package io.gnomon.adapter.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import java.net.SocketException;
import java.nio.channels.UnsupportedAddressTypeException;
import org.junit.jupiter.api.Test;

/** What an operator reads for each way a bind fails (the JDK's Linux messages). */
class ListenExceptionTest {
    private static final ListenAddress NTP = ListenAddress.parse("0.0.0.0:123");
    private static final ListenAddress HIGH = ListenAddress.parse("[::1]:12300");

    @Test
    void permissionDeniedOnAPrivilegedPortSaysWhatIsNeeded() {
        assertEquals("cannot listen on 0.0.0.0:123: permission denied (ports below 1024 need root or"
                        + " CAP_NET_BIND_SERVICE; try a port such as 12300)",
                ListenException.of(NTP, new BindException("Permission denied")).getMessage());
    }

    @Test
    void permissionDeniedElsewhereIsJustThat() {
        assertEquals("cannot listen on [::1]:12300: permission denied",
                ListenException.of(HIGH, new SocketException("Permission denied")).getMessage());
    }

    @Test
    void portInUse() {
        assertEquals("cannot listen on 0.0.0.0:123: address already in use (another NTP server, or another"
                        + " Gnomon, is listening there)",
                ListenException.of(NTP, new BindException("Address already in use")).getMessage());
    }

    @Test
    void addressNotOnThisHost() {
        assertEquals("cannot listen on [::1]:12300: no interface of this host has that address",
                ListenException.of(HIGH, new BindException("Cannot assign requested address")).getMessage());
    }

    @Test
    void ipv6Missing() {
        assertEquals("cannot listen on [::1]:12300: IPv6 is not available on this host",
                ListenException.of(HIGH, new SocketException("Protocol family unavailable")).getMessage());
        assertEquals("cannot listen on [::1]:12300: this address family is not supported here",
                ListenException.of(HIGH, new UnsupportedAddressTypeException()).getMessage());
    }

    @Test
    void anythingElseKeepsTheJdkMessage() {
        assertEquals("cannot listen on 0.0.0.0:123: Network is down",
                ListenException.of(NTP, new SocketException("Network is down")).getMessage());
        assertEquals("cannot listen on 0.0.0.0:123: IllegalStateException: odd",
                ListenException.of(NTP, new IllegalStateException("odd")).getMessage());
    }
}
