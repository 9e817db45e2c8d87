package io.gnomon.pps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.RealtimeTime;
import org.junit.jupiter.api.Test;

class SysfsAssertLineTest {

    @Test
    void parsesTheKernelFormat() {
        var r = (SysfsAssertLine.Sample) SysfsAssertLine.parse("1764071425.000001234#4711\n");
        assertEquals(4711, r.sequence());
        assertEquals(new RealtimeTime(1_764_071_425_000_001_234L), r.timestamp());
        assertTrue(!r.beforeFirstEdge());
    }

    @Test
    void beforeTheFirstEdgeTheKernelShowsZeros() {
        var r = (SysfsAssertLine.Sample) SysfsAssertLine.parse("0.000000000#0\n");
        assertTrue(r.beforeFirstEdge());
    }

    @Test
    void sequencePastTwoToThe31IsPrintedNegativeAndReadBackUnsigned() {
        var r = (SysfsAssertLine.Sample) SysfsAssertLine.parse("100.000000000#-2147483648\n");
        assertEquals(2_147_483_648L, r.sequence());
        var top = (SysfsAssertLine.Sample) SysfsAssertLine.parse("100.000000000#-1\n");
        assertEquals(0xFFFF_FFFFL, top.sequence());
    }

    @Test
    void emptyFileMeansNoAssertCapture() {
        assertInstanceOf(SysfsAssertLine.Empty.class, SysfsAssertLine.parse(""));
        assertInstanceOf(SysfsAssertLine.Empty.class, SysfsAssertLine.parse("\n"));
    }

    @Test
    void tornAndGarbledLinesAreMalformedWithAReason() {
        for (String bad : new String[] {"1764071425.0000", "1764071425.000001234#", "1764071425.00000123#5",
                "x.000000000#1", "17640.000000000#1#2", "#5", "1764071425000001234#5", "1.0000000001#5",
                "99999999999999999999.000000000#1", "1.000000000#99999999999"}) {
            var r = SysfsAssertLine.parse(bad);
            var m = assertInstanceOf(SysfsAssertLine.Malformed.class, r, bad);
            assertTrue(!m.reason().isBlank());
        }
    }
}
