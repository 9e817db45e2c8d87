package io.gnomon.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.MonotonicTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceDecodersTest {

    private final SentenceDecoders decoders = SentenceDecoders.standard();

    private NmeaSentence decode(String body) {
        return decoders.decode(new FramedSentence('$', body, ChecksumStatus.VERIFIED, new MonotonicTime(0)));
    }

    @Test
    void rmcOfNmea2WithoutModeField() {
        var r = assertInstanceOf(NmeaSentence.Rmc.class,
                decode("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"));
        assertEquals(new SentenceAddress("GP", "RMC", false), r.address());
        assertEquals(new NmeaTimeOfDay(12, 35, 19, 0, 0), r.timeOfDay().present().orElseThrow());
        assertEquals('A', r.status());
        assertEquals(new NmeaDate(94, 3, 23, 2), r.date().present().orElseThrow());
        assertEquals('\0', r.mode());
        assertEquals('\0', r.navStatus());
    }

    @Test
    void rmcOfNmea41WithModeAndNavigationalStatusAnyTalker() {
        var r = assertInstanceOf(NmeaSentence.Rmc.class,
                decode("GNRMC,014500.00,A,4404.1306024,N,12118.8446777,W,0.013,,231221,,,D,V"));
        assertEquals("GN", r.address().talker());
        assertEquals(new NmeaTimeOfDay(1, 45, 0, 0, 2), r.timeOfDay().present().orElseThrow());
        assertEquals('D', r.mode());
        assertEquals('V', r.navStatus());
        var b = assertInstanceOf(NmeaSentence.Rmc.class, decode("BDRMC,014500.123,V,,,,,,,231221,,,N"));
        assertEquals(123_000_000, b.timeOfDay().present().orElseThrow().nanos());
        assertEquals('V', b.status());
    }

    @Test
    void badTimeAndDateFieldsAreRejectedValuesWithReasons() {
        var r = assertInstanceOf(NmeaSentence.Rmc.class,
                decode("GPRMC,323519,A,4807.038,N,01131.000,E,022.4,084.4,2208-1,003.1,W"));
        var time = assertInstanceOf(FieldValue.Invalid.class, r.timeOfDay());
        assertEquals("hour 32 out of range", time.reason());
        var date = assertInstanceOf(FieldValue.Invalid.class, r.date());
        assertEquals("2208-1", date.raw());
        assertInstanceOf(FieldValue.Empty.class,
                ((NmeaSentence.Rmc) decode("GPRMC,,V,,,,,,,,,,N")).timeOfDay());
    }

    @Test
    void timeAndDateFieldRules() {
        assertInstanceOf(FieldValue.Present.class, NmeaFieldParsers.timeOfDay("235960"));
        assertEquals("second 60 is only possible at 23:59 UTC",
                ((FieldValue.Invalid<?>) NmeaFieldParsers.timeOfDay("120060")).reason());
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.timeOfDay("126000"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.timeOfDay("12345"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.timeOfDay("123456."));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.timeOfDay("12:34:56"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.ddmmyy("310499"));
        assertInstanceOf(FieldValue.Present.class, NmeaFieldParsers.ddmmyy("290204"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.ddmmyy("290203"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.zdaDate("16", "04", "14"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.zdaDate("29", "02", "2100"));
        assertInstanceOf(FieldValue.Present.class, NmeaFieldParsers.zdaDate("29", "02", "2000"));
        assertInstanceOf(FieldValue.Invalid.class, NmeaFieldParsers.zdaDate("", "02", "2000"));
    }

    @Test
    void zdaGgaGllGns() {
        var z = assertInstanceOf(NmeaSentence.Zda.class, decode("GPZDA,201530.00,04,07,2002,00,00"));
        assertEquals(new NmeaDate(2002, 7, 4, 4), z.date().present().orElseThrow());
        var g = assertInstanceOf(NmeaSentence.Gga.class,
                decode("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
        assertEquals(1, g.quality());
        assertEquals(8, g.satellitesUsed());
        assertEquals(0.9, g.hdop());
        var l = assertInstanceOf(NmeaSentence.Gll.class, decode("GPGLL,4916.45,N,12311.12,W,225444,A,A"));
        assertEquals('A', l.status());
        assertEquals(new NmeaTimeOfDay(22, 54, 44, 0, 0), l.timeOfDay().present().orElseThrow());
        var n = assertInstanceOf(NmeaSentence.Gns.class,
                decode("GNGNS,014035.00,4332.69262,S,17235.48549,E,RR,13,0.9,25.63,11.24,,,S"));
        assertEquals("RR", n.modes());
        assertEquals(13, n.satellitesUsed());
        assertEquals('S', n.navStatus());
    }

    @Test
    void gsaWithAndWithoutSystemId() {
        var old = assertInstanceOf(NmeaSentence.Gsa.class, decode("GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1"));
        assertEquals(List.of(4, 5, 9, 12, 24), old.satellites());
        assertEquals(3, old.fixType());
        assertEquals(-1, old.systemId());
        var v41 = assertInstanceOf(NmeaSentence.Gsa.class, decode("GNGSA,A,3,80,71,73,79,69,,,,,,,,1.83,1.09,1.47,2"));
        assertEquals(2, v41.systemId());
    }

    @Test
    void gsvWithAndWithoutSignalId() {
        var old = assertInstanceOf(NmeaSentence.Gsv.class,
                decode("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,,13,06,292,00"));
        assertEquals(4, old.satellites().size());
        assertEquals(new NmeaSentence.SatelliteView(6, 1, 10, -1), old.satellites().get(2));
        assertEquals(-1, old.signalId());
        var v41 = assertInstanceOf(NmeaSentence.Gsv.class, decode("GAGSV,1,1,02,02,45,120,33,11,20,300,,7"));
        assertEquals(2, v41.satellites().size());
        assertEquals(7, v41.signalId());
        var shortOne = assertInstanceOf(NmeaSentence.Gsv.class, decode("GLGSV,1,1,00,1"));
        assertEquals(List.of(), shortOne.satellites());
    }

    @Test
    void txtKeepsItsText() {
        var t = assertInstanceOf(NmeaSentence.Txt.class, decode("GPTXT,01,01,02,ANTSTATUS=OK"));
        assertEquals("ANTSTATUS=OK", t.text());
        assertEquals(2, t.textType());
    }

    @Test
    void unknownAndProprietarySentencesAreCountedNotErrors() {
        var vtg = assertInstanceOf(NmeaSentence.Unknown.class, decode("GPVTG,,T,,M,0.0,N,0.0,K,N"));
        assertEquals("VTG", vtg.address().type());
        var p = assertInstanceOf(NmeaSentence.Unknown.class, decode("PMTK001,604,3"));
        assertTrue(p.address().proprietary());
        assertEquals("PMTK001", p.address().type());
        // a proprietary sentence whose name ends in a known type is still proprietary
        assertInstanceOf(NmeaSentence.Unknown.class, decode("PGRMC,1,2,3,4,5,6,7,8,9,10"));
        DecodeCounters counters = new DecodeCounters();
        counters.count(vtg);
        counters.count(p);
        assertEquals(1L, counters.unknownByType().get("VTG"));
        assertEquals(1L, counters.unknownByType().get("proprietary PMTK001"));
    }

    @Test
    void aKnownTypeWithTooFewFieldsIsMalformed() {
        var m = assertInstanceOf(NmeaSentence.Malformed.class, decode("GPRMC,123519,A"));
        assertTrue(m.reason().contains("RMC needs 10 fields"), m.reason());
        assertInstanceOf(NmeaSentence.Malformed.class, decode("GPZDA"));
    }

    @Test
    void fieldRejectsAreCountedByReason() {
        DecodeCounters counters = new DecodeCounters();
        counters.count(decode("GPRMC,323519,A,4807.038,N,01131.000,E,022.4,084.4,2208-1,003.1,W"));
        assertEquals(1L, counters.fieldRejectsByReason().get("RMC time: hour 32 out of range"));
        assertEquals(1L, counters.fieldRejectsByReason().get("RMC date: date is not ddmmyy"));
    }
}
