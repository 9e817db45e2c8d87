package io.gnomon.adapter.pps;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The GPIO character device's v2 uAPI structs (linux/gpio.h, Linux ≥ 5.10) that a line-event reader needs, encoded
 * and decoded by hand. These structs use {@code __aligned_u64} and explicit padding so that they have one layout on
 * every ABI (checked with gcc's offsetof/sizeof on x86_64):
 * <pre>
 *   struct gpio_v2_line_request {            592 bytes
 *     __u32 offsets[64];                      @0
 *     char consumer[32];                      @256
 *     struct gpio_v2_line_config config;      @288 (272 bytes: __aligned_u64 flags @+0, __u32 num_attrs @+8, ...)
 *     __u32 num_lines;                        @560
 *     __u32 event_buffer_size;                @564
 *     __u32 padding[5];
 *     __s32 fd;                               @588 (written by the kernel)
 *   };
 *   struct gpio_v2_line_event {              48 bytes
 *     __aligned_u64 timestamp_ns; __u32 id; __u32 offset; __u32 seqno; __u32 line_seqno; __u32 padding[6];
 *   };
 * </pre>
 * {@code GPIO_V2_GET_LINE_IOCTL = _IOWR(0xB4, 0x07, struct gpio_v2_line_request)} = 0xc250b407 (here the size is the
 * struct's, 592). By default {@code timestamp_ns} is CLOCK_MONOTONIC; {@code GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME}
 * would switch it, and Gnomon does not set it. No debounce attribute is requested, so the kernel does not debounce.
 */
final class GpioV2Structs {

    static final int REQUEST_SIZE = 592;
    static final int EVENT_SIZE = 48;
    static final long GET_LINE_IOCTL = IoctlRequest.iowr(0xB4, 0x07, REQUEST_SIZE);

    static final long FLAG_INPUT = 1L << 2;
    static final long FLAG_EDGE_RISING = 1L << 4;
    /** {@code GPIO_V2_LINE_EVENT_RISING_EDGE}; falling is 2. */
    static final int EVENT_RISING_EDGE = 1;

    private static final int CONSUMER_AT = 256;
    private static final int CONFIG_FLAGS_AT = 288;
    private static final int NUM_LINES_AT = 560;
    private static final int EVENT_BUFFER_SIZE_AT = 564;
    private static final int FD_AT = 588;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private GpioV2Structs() {}

    /** One event as the kernel wrote it. */
    record Event(long timestampNanos, int id, int offset, long seqno, long lineSeqno) {}

    /** A request for one input line with rising-edge events, no debounce, monotonic timestamps. */
    static void encodeRisingEdgeRequest(MemorySegment req, int lineOffset, String consumer, int eventBufferSize) {
        req.asSlice(0, REQUEST_SIZE).fill((byte) 0);
        req.set(U32, 0, lineOffset);
        byte[] name = consumer.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(name.length, 31); // keep the terminating NUL
        MemorySegment.copy(MemorySegment.ofArray(name), 0, req, CONSUMER_AT, n);
        req.set(U64, CONFIG_FLAGS_AT, FLAG_INPUT | FLAG_EDGE_RISING);
        req.set(U32, NUM_LINES_AT, 1);
        req.set(U32, EVENT_BUFFER_SIZE_AT, eventBufferSize);
    }

    /** The line's file descriptor the kernel wrote into a completed request. */
    static int requestFd(MemorySegment req) {
        return req.get(U32, FD_AT);
    }

    static Event decodeEvent(MemorySegment ev) {
        return new Event(ev.get(U64, 0), ev.get(U32, 8), ev.get(U32, 12),
                Integer.toUnsignedLong(ev.get(U32, 16)), Integer.toUnsignedLong(ev.get(U32, 20)));
    }
}
