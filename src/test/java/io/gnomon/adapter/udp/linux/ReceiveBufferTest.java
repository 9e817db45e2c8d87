package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The receive buffer's wording: sizes exact, the kernel's doubling undone, a warning only when capped. */
class ReceiveBufferTest {

    @Test
    void sizesAreWrittenExactly() {
        assertEquals("32 MiB", ReceiveBuffer.size(33554432));
        assertEquals("208 KiB", ReceiveBuffer.size(212992));
        assertEquals("1000 bytes", ReceiveBuffer.size(1000));
        assertEquals("1025 KiB", ReceiveBuffer.size(1025 * 1024));
        assertEquals("0 bytes", ReceiveBuffer.size(0));
    }

    @Test
    void aForcedBufferIsTheAskedSizeAndWarnsOfNothing() {
        ReceiveBuffer b = new ReceiveBuffer(33554432, 67108864, true);
        assertEquals(33554432, b.grantedBytes());
        assertFalse(b.capped());
        assertEquals("receive buffer 32 MiB", b.describe());
        assertTrue(b.warning().isEmpty());
    }

    @Test
    void aCappedBufferSaysWhatItGotOfWhatWasAskedAndNamesTheCapAndTheFix() {
        ReceiveBuffer b = new ReceiveBuffer(33554432, 425984, false);
        assertEquals(212992, b.grantedBytes());
        assertTrue(b.capped());
        assertEquals("receive buffer 208 KiB of 32 MiB asked", b.describe());
        String w = b.warning().orElseThrow();
        assertTrue(w.startsWith("UDP receive buffer 208 KiB of 32 MiB asked: SO_RCVBUFFORCE was refused (it needs"
                + " CAP_NET_ADMIN), so SO_RCVBUF was used and net.core.rmem_max (212992 bytes) capped it."), w);
        assertTrue(w.contains("/usr/lib/sysctl.d/60-gnomon.conf") && w.contains("sysctl --system"), w);
    }

    @Test
    void noneAskedReportsTheKernelDefaultAsIs() {
        // an unset buffer is net.core.rmem_default, which the kernel does not double
        ReceiveBuffer b = new ReceiveBuffer(0, 212992, false);
        assertEquals(212992, b.grantedBytes());
        assertFalse(b.capped());
        assertEquals("receive buffer 208 KiB (the kernel's default)", b.describe());
        assertTrue(b.warning().isEmpty());
    }

    @Test
    void aSmallAskRaisedToTheKernelMinimumIsNotCapped() {
        // the kernel raises a tiny size to its minimum: more than asked, no warning
        ReceiveBuffer b = new ReceiveBuffer(100, 4608, false);
        assertFalse(b.capped());
        assertEquals("receive buffer 2304 bytes", b.describe());
    }
}
