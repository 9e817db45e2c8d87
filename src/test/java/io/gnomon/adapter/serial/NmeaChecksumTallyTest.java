package io.gnomon.adapter.serial;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NmeaChecksumTallyTest {

    private static NmeaChecksumTally tally(String s) {
        byte[] b = s.getBytes(US_ASCII);
        return NmeaChecksumTally.of(b, 0, b.length);
    }

    @Test
    void realCapturesAreAllValid() {
        byte[] mt = NmeaSamples.load("mt3339-head.nmea");
        assertEquals(new NmeaChecksumTally(40, 0), NmeaChecksumTally.of(mt, 0, mt.length));
        byte[] mag = NmeaSamples.load("magellan-ec10-head.nmea"); // lower-case hex
        assertEquals(new NmeaChecksumTally(30, 0), NmeaChecksumTally.of(mag, 0, mag.length));
    }

    @Test
    void aChangedCharacterOrChecksumIsInvalid() {
        assertEquals(new NmeaChecksumTally(1, 0), tally("$GPZDA,202640.000,13,04,2015,,*54\r\n"));
        assertEquals(new NmeaChecksumTally(0, 1), tally("$GPZDA,202640.000,13,04,2016,,*54\r\n"));
        assertEquals(new NmeaChecksumTally(0, 1), tally("$GPZDA,202640.000,13,04,2015,,*55\r\n"));
        assertEquals(new NmeaChecksumTally(0, 1), tally("$GPZDA,202640.000,13,04,2015,,*5G\r\n"));
    }

    @Test
    void brokenOffSentencesAreInvalidAndTheNextStartIsStillSeen() {
        assertEquals(new NmeaChecksumTally(1, 2),
                tally("$GPGGA,2026\r\n$GPZ$GPZDA,202640.000,13,04,2015,,*54\r\n"));
    }

    @Test
    void aSentenceCutByTheEndOfTheSampleIsNotCounted() {
        assertEquals(new NmeaChecksumTally(1, 0), tally("$GPZDA,202640.000,13,04,2015,,*54\r\n$GPZDA,2026"));
        assertEquals(new NmeaChecksumTally(0, 0), tally("$GPZDA,202640.000,13,04,2015,,*5"));
    }

    @Test
    void noiseHasNoValidSentences() {
        byte[] noise = new byte[20_000];
        new java.util.Random(7).nextBytes(noise);
        NmeaChecksumTally t = NmeaChecksumTally.of(noise, 0, noise.length);
        assertEquals(0, t.valid());
        assertTrue(t.invalid() > 0);
    }
}
