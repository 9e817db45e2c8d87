package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class NtpShortTest {

    @Test
    void knownValuesRoundUp() {
        assertEquals(0x0001_0000, NtpShort.bitsOfSeconds(1.0));
        assertEquals(0x0000_8000, NtpShort.bitsOfSeconds(0.5));
        assertEquals(1, NtpShort.bitsOfSeconds(1e-9), "a bound is never rounded down to zero");
        assertEquals(1, NtpShort.bitsOfNanos(1));
        assertEquals(1, NtpShort.bitsOfNanos(15_258), "2^-16 s = 15 258.79 ns");
        assertEquals(2, NtpShort.bitsOfNanos(15_259));
        assertEquals(66, NtpShort.bitsOfNanos(1_000_000), "1 ms = 65.536 units");
        assertEquals(66, NtpShort.bitsOfSeconds(0.001));
    }

    @Test
    void saturates() {
        assertEquals(0, NtpShort.bitsOfSeconds(-3));
        assertEquals(0, NtpShort.bitsOfNanos(-3));
        assertEquals(0xFFFF_FFFF, NtpShort.bitsOfSeconds(65536));
        assertEquals(0xFFFF_FFFF, NtpShort.bitsOfSeconds(Double.POSITIVE_INFINITY));
        assertEquals(0xFFFF_FFFF, NtpShort.bitsOfSeconds(Double.NaN));
        assertEquals(0xFFFF_FFFF, NtpShort.bitsOfNanos(Long.MAX_VALUE));
        assertEquals(0xFFFF_FFFF, NtpShort.bitsOfSeconds(65535.99999));
        assertEquals(65535.9999847412109375, NtpShort.MAX.toSeconds());
    }

    @Property
    void nanosRoundUpByLessThanOneStep(@ForAll @LongRange(min = 0, max = 65_535_999_984_741L) long nanos) {
        NtpShort s = NtpShort.ofNanos(nanos);
        long back = s.toNanos();
        assertTrue(back >= nanos, () -> nanos + " → " + s + " → " + back);
        assertTrue(back - nanos <= 15_259, () -> nanos + " → " + back);
    }

    @Property
    void wireValueSurvivesSecondsExactly(@ForAll int bits) {
        assertEquals(bits, NtpShort.bitsOfSeconds(new NtpShort(bits).toSeconds()));
    }
}
