package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gnomon.config.GnomonConfig;
import io.gnomon.config.ListenSetting;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class StatusHttpTest {

    @Test
    void theDefaultTextAndTheDefaultAddressAreTheConfigurationsDefault() {
        ListenSetting d = GnomonConfig.DEFAULT_HTTP;
        assertEquals(d.address() + ":" + d.port(), StatusHttp.DEFAULT);
        StatusHttp http = StatusHttp.defaultAddress();
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 8123), http.address());
        assertFalse(http.explicit());
    }

    @Test
    void aConfiguredIpv6AddressBecomesOneTcpSocketAddress() {
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("::1"), 8080),
                new ListenSetting("::1", 8080).socketAddress());
    }
}
