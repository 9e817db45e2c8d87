package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.adapter.clock.SystemClocks;
import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real FFM downcalls against things that are not PPS devices: the errors must come back as reasons. */
class KernelPpsSourceTest {

    private static KernelPpsSource source(Path p) {
        return new KernelPpsSource(p.toString(), LinuxAbi.current().orElseThrow(), SystemClocks.MONOTONIC);
    }

    @Test
    void aRegularFileIsNotAPpsDevice(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pps0"), "not a device");
        try (KernelPpsSource s = source(file)) {
            var r = assertInstanceOf(PpsReading.Unavailable.class, s.next(Duration.ofMillis(50)));
            assertEquals(PpsFault.NOT_A_PPS_DEVICE, r.fault());
            assertTrue(r.detail().contains("ENOTTY"), r.detail());
            assertTrue(r.detail().contains(file.toString()), r.detail());
        }
    }

    @Test
    void ppsFetchItselfOnARegularFileGivesEnotty(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pps0"), "x");
        KernelPpsCalls calls = new KernelPpsCalls(LinuxAbi.current().orElseThrow());
        KernelPpsCalls.Result opened = calls.open(file.toString());
        assertTrue(opened.value() >= 0, "open: errno " + opened.errno());
        try {
            KernelPpsCalls.Fetch f = calls.fetch(opened.value(), Duration.ofMillis(10));
            assertEquals(Errno.ENOTTY, f.errno());
        } finally {
            calls.close(opened.value());
        }
    }

    @Test
    void aMissingDeviceIsNoDevice(@TempDir Path dir) {
        try (KernelPpsSource s = source(dir.resolve("pps9"))) {
            var r = assertInstanceOf(PpsReading.Unavailable.class, s.next(Duration.ofMillis(50)));
            assertEquals(PpsFault.NO_DEVICE, r.fault());
            assertTrue(r.detail().contains("ENOENT"), r.detail());
            // and again on the next call: the source retries, it does not die
            assertEquals(PpsFault.NO_DEVICE, ((PpsReading.Unavailable) s.next(Duration.ofMillis(50))).fault());
        }
    }

    @Test
    void aClosedSourceSaysSo(@TempDir Path dir) {
        KernelPpsSource s = source(dir.resolve("pps0"));
        s.close();
        s.close();
        assertEquals(PpsFault.CLOSED, ((PpsReading.Unavailable) s.next(Duration.ofMillis(50))).fault());
    }

    @Test
    void errnoValuesMapToReasons() {
        assertEquals(PpsFault.PERMISSION_DENIED, Errno.fault(Errno.EACCES));
        assertEquals(PpsFault.PERMISSION_DENIED, Errno.fault(Errno.EPERM));
        assertEquals(PpsFault.NO_DEVICE, Errno.fault(Errno.ENOENT));
        assertEquals(PpsFault.NO_DEVICE, Errno.fault(Errno.ENODEV));
        assertEquals(PpsFault.NOT_A_PPS_DEVICE, Errno.fault(Errno.ENOTTY));
        assertEquals(PpsFault.BUSY, Errno.fault(Errno.EBUSY));
        assertEquals(PpsFault.DEVICE_ERROR, Errno.fault(Errno.EFAULT));
        assertEquals("ETIMEDOUT", Errno.name(Errno.ETIMEDOUT));
        assertEquals("errno 999", Errno.name(999));
    }
}
