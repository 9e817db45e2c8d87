package io.gnomon.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.pps.PpsEdge;
import io.gnomon.time.MonotonicTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FaultInjectorsTest {
    private static final byte[] RMC = "$GPRMC,120000.00,A,4807.038,N,01131.000,E,0.02,31.66,010326,,,A*6C\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void serialBytesPassAreDroppedOrArriveAsAWrongRateUartSeesThem() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<MonotonicTime> arrivals = new ArrayList<>();
        AtomicReference<SerialFault> fault = new AtomicReference<>(SerialFault.PASS);
        SerialFaultInjector in = new SerialFaultInjector((d, o, l, a) -> {
            got.write(d, o, l);
            arrivals.add(a);
        }, fault::get);
        in.accept(RMC, 0, RMC.length, new MonotonicTime(1));
        assertArrayEquals(RMC, got.toByteArray());
        fault.set(SerialFault.SILENCE);
        in.accept(RMC, 0, RMC.length, new MonotonicTime(2));
        assertEquals(RMC.length, got.size());
        assertEquals(RMC.length, in.droppedBytes());
        fault.set(new SerialFault.WrongBaud(4800, 9600));
        in.accept(RMC, 0, RMC.length, new MonotonicTime(3));
        byte[] garbled = java.util.Arrays.copyOfRange(got.toByteArray(), RMC.length, got.size());
        assertArrayEquals(UartMismatch.received(RMC, 4800, 9600), garbled);
        assertNotEquals(new String(RMC, StandardCharsets.ISO_8859_1), new String(garbled, StandardCharsets.ISO_8859_1));
        assertTrue(new String(garbled, StandardCharsets.ISO_8859_1).indexOf('\0') >= 0, "framing errors arrive as NUL");
        assertEquals(RMC.length, in.garbledBytes());
        assertEquals(List.of(new MonotonicTime(1), new MonotonicTime(3)), arrivals, "the chunk keeps its arrival time");
    }

    @Test
    void aSlowReaderOfAFastSenderSeesFewerBytes() {
        // 115200 sent, 9600 read: a reader bit spans twelve sender bits, so most bytes vanish into one
        assertTrue(UartMismatch.received(RMC, 115200, 9600).length < RMC.length / 4);
        assertArrayEquals(RMC, UartMismatch.received(RMC, 38400, 38400));
    }

    @Test
    void ppsEdgesAreWithheldWhileTheLineIsLost() {
        List<Long> seen = new ArrayList<>();
        AtomicBoolean lost = new AtomicBoolean();
        PpsFaultInjector in = new PpsFaultInjector(e -> seen.add(e.sequence()), lost::get);
        for (long i = 1; i <= 6; i++) {
            lost.set(i >= 3 && i <= 4);
            in.accept(new PpsEdge(i, new MonotonicTime(i * 1_000_000_000L)));
        }
        assertEquals(List.of(1L, 2L, 5L, 6L), seen);
        assertEquals(2, in.droppedEdges());
    }
}
