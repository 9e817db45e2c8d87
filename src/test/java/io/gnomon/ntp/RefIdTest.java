package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RefIdTest {

    @Test
    void asciiIsLeftJustifiedAndZeroPadded() {
        assertEquals(0x50_50_53_00, RefId.bitsOfAscii("PPS"));
        assertEquals(0x52_41_54_45, RefId.RATE.bits());
        assertEquals(0x53_49_4D_00, RefId.ofAscii("SIM").bits());
        assertEquals("GPS", RefId.ofAscii("GPS").ascii());
        assertEquals("RATE", new RefId(0x52_41_54_45).toString());
    }

    @Test
    void oddInputIsCutOrReplacedNeverThrown() {
        assertEquals(0, RefId.bitsOfAscii(null));
        assertEquals(0, RefId.bitsOfAscii(""));
        assertEquals("GPSD", RefId.ofAscii("GPSDO").ascii());
        assertEquals("G?S", RefId.ofAscii("G\u00e9S").ascii());
        assertEquals("A?", new RefId(0x41_07_00_42).ascii(), "stops at the first zero byte");
    }
}
