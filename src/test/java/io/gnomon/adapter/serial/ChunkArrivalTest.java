package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gnomon.time.MonotonicTime;
import org.junit.jupiter.api.Test;

class ChunkArrivalTest {

    @Test
    void oneByteAt9600BaudTakesTenBitTimes() {
        assertEquals(1_041_666L, new ChunkArrival(9600).nanosPerByte());
        assertEquals(86_805L, new ChunkArrival(115200).nanosPerByte());
        assertEquals(2_083_333L, new ChunkArrival(4800).nanosPerByte());
    }

    @Test
    void firstByteIsTheReadStampMinusTheChunksWireTime() {
        ChunkArrival a = new ChunkArrival(9600);
        MonotonicTime returned = new MonotonicTime(5_000_000_000L);
        assertEquals(new MonotonicTime(5_000_000_000L - 16 * 1_041_666L), a.firstByte(returned, 16));
    }

    @Test
    void estimatesNeverGoBackwards() {
        ChunkArrival a = new ChunkArrival(9600);
        MonotonicTime first = a.firstByte(new MonotonicTime(10_000_000_000L), 1);
        // a big chunk read 2 ms later would, by wire time alone, have started 60 ms earlier
        MonotonicTime second = a.firstByte(new MonotonicTime(10_002_000_000L), 60);
        assertEquals(first, second);
        MonotonicTime third = a.firstByte(new MonotonicTime(11_000_000_000L), 1);
        assertEquals(new MonotonicTime(11_000_000_000L - 1_041_666L), third);
    }

    @Test
    void baudMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkArrival(0));
    }
}
