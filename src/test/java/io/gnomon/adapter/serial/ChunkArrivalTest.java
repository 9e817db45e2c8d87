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
    void aPtyAndAUsbCdcDeviceAreNotPacedByTheBaudRateButUartsAndUsbSerialBridgesAre() {
        MonotonicTime returned = new MonotonicTime(5_000_000_000L);
        assertEquals(returned, ChunkArrival.forDevice("/dev/pts/3", 9600).firstByte(returned, 64));
        assertEquals(returned, ChunkArrival.forDevice("/dev/ttyACM0", 9600).firstByte(returned, 64));
        for (String uart : new String[] {"/dev/ttyAMA0", "/dev/ttyS0", "/dev/ttyUSB0"}) {
            assertEquals(new MonotonicTime(5_000_000_000L - 64 * 1_041_666L),
                    ChunkArrival.forDevice(uart, 9600).firstByte(returned, 64), uart);
        }
        assertThrows(IllegalArgumentException.class, () -> ChunkArrival.forDevice("/dev/pts/3", 0));
    }

    @Test
    void baudMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkArrival(0));
    }
}
