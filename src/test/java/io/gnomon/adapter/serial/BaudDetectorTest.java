package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BaudDetectorTest {
    private static final byte[] MT3339 = NmeaSamples.load("mt3339-head.nmea");
    private static final byte[] MAGELLAN = NmeaSamples.load("magellan-ec10-head.nmea");

    /** What each candidate rate would deliver, given what the receiver sent at {@code senderBaud}. */
    private static List<BaudDetector.Sample> samplesOf(byte[] sent, int senderBaud) {
        List<BaudDetector.Sample> samples = new ArrayList<>();
        for (int rx : BaudDetector.CANDIDATES) {
            byte[] got = UartSimulation.received(sent, senderBaud, rx);
            samples.add(BaudDetector.Sample.of(rx, got, got.length));
        }
        return samples;
    }

    @Test
    void theUartSimulationIsFaithfulAtTheRightRate() {
        assertArrayEquals(MT3339, UartSimulation.received(MT3339, 9600, 9600));
        assertArrayEquals(MAGELLAN, UartSimulation.received(MAGELLAN, 115200, 115200));
    }

    @ParameterizedTest
    @ValueSource(ints = {4800, 9600, 19200, 38400, 57600, 115200})
    void picksTheRateTheReceiverSentAt(int senderBaud) {
        for (byte[] capture : List.of(MT3339, MAGELLAN)) {
            List<BaudDetector.Sample> samples = samplesOf(capture, senderBaud);
            BaudDetector.Decision d = BaudDetector.decide(samples);
            BaudDetector.Detected found = assertInstanceOf(BaudDetector.Detected.class, d, d.evidence());
            assertEquals(senderBaud, found.baud(), d.evidence());
            for (BaudDetector.Sample s : samples) {
                if (s.baud() != senderBaud) {
                    assertEquals(0, s.validSentences(), "garbage at " + s.baud() + ": " + d.evidence());
                    assertTrue(!s.decisive());
                } else {
                    assertTrue(s.decisive(), d.evidence());
                }
            }
        }
    }

    @Test
    void silenceIsReportedAsNoBytes() {
        List<BaudDetector.Sample> samples = new ArrayList<>();
        for (int rx : BaudDetector.CANDIDATES) {
            samples.add(new BaudDetector.Sample(rx, 0, 0, 0));
        }
        BaudDetector.Undetected u = assertInstanceOf(BaudDetector.Undetected.class, BaudDetector.decide(samples));
        assertTrue(u.reason().contains("no bytes"), u.reason());
    }

    @Test
    void bytesWithoutValidSentencesAtAnyRateAreUndetected() {
        byte[] noise = new byte[3000];
        new java.util.Random(1).nextBytes(noise);
        List<BaudDetector.Sample> samples = new ArrayList<>();
        for (int rx : BaudDetector.CANDIDATES) {
            samples.add(BaudDetector.Sample.of(rx, noise, noise.length));
        }
        BaudDetector.Undetected u = assertInstanceOf(BaudDetector.Undetected.class, BaudDetector.decide(samples));
        assertTrue(u.reason().contains("no NMEA sentence with a valid checksum"), u.reason());
    }

    @Test
    void aTieIsAmbiguousNotAGuess() {
        List<BaudDetector.Sample> samples = List.of(new BaudDetector.Sample(9600, 100, 1, 0),
                new BaudDetector.Sample(4800, 100, 1, 3));
        BaudDetector.Undetected u = assertInstanceOf(BaudDetector.Undetected.class, BaudDetector.decide(samples));
        assertTrue(u.reason().startsWith("ambiguous"), u.reason());
    }
}
