package io.gnomon.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class SysfsAssertLineProperties {

    @Property
    void roundTripsAnyKernelLine(@ForAll @LongRange(min = 0, max = 9_000_000_000L) long secs,
                                 @ForAll @LongRange(min = 0, max = 999_999_999) long nsec,
                                 @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long seq) {
        String line = String.format("%d.%09d#%d%n", secs, nsec, (int) seq);
        var r = (SysfsAssertLine.Sample) SysfsAssertLine.parse(line);
        assertEquals(seq, r.sequence());
        assertEquals(secs * 1_000_000_000L + nsec, r.timestamp().epochNanos());
    }
}
