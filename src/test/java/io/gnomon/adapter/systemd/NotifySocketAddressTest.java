package io.gnomon.adapter.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifySocketAddressTest {

    private static byte[] family() {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? new byte[] {1, 0} : new byte[] {0, 1};
    }

    @Test
    void aPathIsNulTerminated() {
        NotifySocketAddress a = NotifySocketAddress.of("/run/systemd/notify").orElseThrow();
        assertEquals(2 + "/run/systemd/notify".length() + 1, a.length());
        assertArrayEquals(family(), Arrays.copyOf(a.bytes(), 2));
        assertEquals("/run/systemd/notify\0", new String(a.bytes(), 2, a.length() - 2));
    }

    @Test
    void anAbstractNameStartsWithNulAndIsNotTerminated() {
        NotifySocketAddress a = NotifySocketAddress.of("@/org/freedesktop/systemd1/notify/42").orElseThrow();
        assertEquals(2 + "@/org/freedesktop/systemd1/notify/42".length(), a.length());
        assertEquals("\0/org/freedesktop/systemd1/notify/42", new String(a.bytes(), 2, a.length() - 2));
    }

    @Test
    void unusableValuesAreNoNotifier() {
        assertEquals(Optional.empty(), NotifySocketAddress.of(null));
        assertEquals(Optional.empty(), NotifySocketAddress.of(""));
        assertEquals(Optional.empty(), NotifySocketAddress.of("@"));
        assertEquals(Optional.empty(), NotifySocketAddress.of("vsock:2:1234"));
        assertEquals(Optional.empty(), NotifySocketAddress.of("relative/path"));
        assertEquals(Optional.empty(), NotifySocketAddress.of("/" + "x".repeat(107)));
        assertTrue(NotifySocketAddress.of("/" + "x".repeat(106)).isPresent());
    }
}
