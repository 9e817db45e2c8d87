package io.gnomon.adapter.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {

    @Test
    void ipv4() {
        ListenAddress a = ListenAddress.parse("127.0.0.1:12300");
        assertEquals(InetAddress.ofLiteral("127.0.0.1"), a.address());
        assertEquals(12300, a.port());
        assertFalse(a.isIpv6());
        assertEquals("127.0.0.1:12300", a.toString());
    }

    @Test
    void ipv6InBrackets() {
        ListenAddress a = ListenAddress.parse("[::1]:123");
        assertEquals(InetAddress.ofLiteral("::1"), a.address());
        assertEquals(123, a.port());
        assertTrue(a.isIpv6());
        assertEquals("[::1]:123", a.toString());
    }

    @ParameterizedTest
    @CsvSource({"[::]:0, [::]:0", "'[2001:db8:0:0:1:0:0:1]:9', '[2001:db8::1:0:0:1]:9'",
            "'[fe80:0:0:0:0:0:0:0]:9', '[fe80::]:9'", "'[1:2:3:4:5:6:7:8]:9', '[1:2:3:4:5:6:7:8]:9'",
            "0.0.0.0:65535, 0.0.0.0:65535"})
    void printsTheShortForm(String text, String printed) {
        assertEquals(printed, ListenAddress.parse(text).toString());
        assertEquals(ListenAddress.parse(text), ListenAddress.parse(printed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "999.1.1.1:12300 | '999.1.1.1' is not a numeric IPv4 or IPv6 address",
            "no-such-host.invalid:123 | 'no-such-host.invalid' is not a numeric IPv4 or IPv6 address",
            "127.0.0.1 | expected ADDR:PORT",
            "127.0.0.1:http | port 'http' is not a number",
            "127.0.0.1:65536 | port 65536 is outside 0-65535",
            "::1:123 | write an IPv6 address in brackets",
            "[::1]123 | write an IPv6 address as [ADDR]:PORT",
            "[::1 | write an IPv6 address as [ADDR]:PORT",
            "[::g]:123 | '::g' is not a numeric IPv4 or IPv6 address"})
    void badTextIsRejectedWithAReasonNamingIt(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
