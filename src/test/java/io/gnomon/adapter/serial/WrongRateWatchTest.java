package io.gnomon.adapter.serial;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.MonotonicTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WrongRateWatchTest {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] NOISE = "\u0000\u00ff\u0080~x".repeat(20).getBytes(US_ASCII); // 100 bytes, no '$'
    private static final byte[] SENTENCE = sentence("GPZDA,202640.000,25,11,2026,00,00");

    private static byte[] sentence(String body) {
        byte[] head = ("$" + body + "*").getBytes(US_ASCII);
        int sum = io.gnomon.nmea.NmeaChecksum.of(head, 1, head.length - 1);
        return ("$" + body + "*" + String.format("%02X", sum) + "\r\n").getBytes(US_ASCII);
    }

    /** Feeds {@code chunk} once a second for 11 s; whether any window closed as "wrong rate". */
    private static boolean judged(byte[] chunk, byte[] once) {
        WrongRateWatch w = new WrongRateWatch(Duration.ofSeconds(10));
        boolean wrong = false;
        for (int s = 0; s <= 11; s++) {
            byte[] c = s == 5 && once != null ? once : chunk;
            wrong |= w.add(c, c.length, new MonotonicTime(s * SECOND));
        }
        return wrong;
    }

    @Test
    void aWindowOfGarbageIsAWrongRate() {
        assertTrue(judged(NOISE, null));
    }

    @Test
    void oneValidSentenceInTheWindowIsEnough() {
        assertTrue(NmeaChecksumTally.of(SENTENCE, 0, SENTENCE.length).valid() == 1, "the sentence is valid");
        assertFalse(judged(NOISE, SENTENCE));
        byte[] broken = SENTENCE.clone();
        broken[3] ^= 1; // one bit off: the checksum no longer matches
        assertTrue(judged(NOISE, broken));
    }

    @Test
    void aNearlySilentPortIsNotAWrongRate() {
        byte[] few = {0, 1, 2}; // 33 bytes in 11 s: below the minimum
        assertFalse(judged(few, null));
    }
}
