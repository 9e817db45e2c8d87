package io.gnomon.adapter.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.pps.PpsFault;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPIO v2 uAPI: struct layouts against hand-built bytes, and the real FFM calls against plain files. */
class UapiLineEventsTest {

    private static byte[] event(long timestampNs, int id, int offset, int seqno, int lineSeqno) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(timestampNs).putInt(id).putInt(offset).putInt(seqno).putInt(lineSeqno);
        for (int i = 0; i < 6; i++) {
            b.putInt(0x5A5A5A5A); // reserved padding: ignored
        }
        return b.array();
    }

    @Test
    void theIoctlNumberIsTheKernelHeadersOne() {
        // checked with gcc against /usr/include/linux/gpio.h on x86_64; the struct has one size on every ABI
        assertEquals(0xC250B407L, GpioV2Structs.GET_LINE_IOCTL);
    }

    @Test
    void decodesAHandBuiltEvent() {
        var e = GpioV2Structs.decodeEvent(MemorySegment.ofArray(event(123_456_789_012_345L, 1, 4, 7, -2)));
        assertEquals(new GpioV2Structs.Event(123_456_789_012_345L, 1, 4, 7, 0xFFFF_FFFEL), e);
    }

    @Test
    void encodesTheRequestWhereTheKernelReadsIt() {
        byte[] bytes = new byte[GpioV2Structs.REQUEST_SIZE];
        java.util.Arrays.fill(bytes, (byte) 0x77);
        GpioV2Structs.encodeRisingEdgeRequest(MemorySegment.ofArray(bytes), 18,
                "a-consumer-name-longer-than-thirty-one-bytes", 16);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(18, b.getInt(0));
        assertEquals(0, b.getInt(4), "offsets[1..] zero");
        String consumer = new String(bytes, 256, 32, StandardCharsets.US_ASCII);
        assertEquals("a-consumer-name-longer-than-thi\0", consumer);
        assertEquals((1L << 2) | (1L << 4), b.getLong(288), "config.flags: INPUT | EDGE_RISING");
        assertEquals(0, b.getInt(296), "config.num_attrs: no debounce attribute");
        assertEquals(1, b.getInt(560), "num_lines");
        assertEquals(16, b.getInt(564), "event_buffer_size");
        b.putInt(588, 42);
        assertEquals(42, GpioV2Structs.requestFd(MemorySegment.ofArray(bytes)));
    }

    @Test
    void pollAndReadThroughFfmDecodeEventsFromADescriptor(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events");
        ByteBuffer two = ByteBuffer.allocate(96);
        two.put(event(5_000_000_001L, 1, 4, 1, 1)).put(event(6_000_000_002L, 2, 4, 2, 2));
        Files.write(file, two.array());
        GpioV2Calls.Result fd = GpioV2Calls.openChip(file.toString());
        assertTrue(!fd.failed(), "errno " + fd.errno());
        try (var line = UapiLineEvents.forDescriptor("file:4", (int) fd.value())) {
            var first = assertInstanceOf(GpioLineEvents.LineEvent.class, line.await(Duration.ofMillis(100)));
            assertEquals(new GpioLineEvents.LineEvent(5_000_000_001L, true, 1), first);
            var second = assertInstanceOf(GpioLineEvents.LineEvent.class, line.await(Duration.ofMillis(100)));
            assertEquals(new GpioLineEvents.LineEvent(6_000_000_002L, false, 2), second);
            // end of file: a short read is a device error, not a wrong event
            var end = assertInstanceOf(GpioLineEvents.Failed.class, line.await(Duration.ofMillis(100)));
            assertEquals(PpsFault.DEVICE_ERROR, end.fault());
        }
    }

    @Test
    void aRegularFileIsNotAGpioChip(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gpiochip0"), "x");
        var opened = UapiLineEvents.open(file.toString(), "gpiochip0", 4);
        assertNull(opened.line());
        assertTrue(opened.failure().detail().contains("ENOTTY"), opened.failure().detail());
        assertEquals(PpsFault.NOT_A_PPS_DEVICE, opened.failure().fault());
    }

    @Test
    void aMissingChipIsNoDevice(@TempDir Path dir) {
        var opened = UapiLineEvents.open(dir.resolve("gpiochip7").toString(), "gpiochip7", 4);
        assertEquals(PpsFault.NO_DEVICE, opened.failure().fault());
        assertTrue(opened.failure().detail().contains("ENOENT"), opened.failure().detail());
    }
}
