package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.ntp.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long S = 1_000_000_000L;

    private static RateLimiter limiter(int slots, long intervalNanos, int burst, int kissOneIn) {
        return new RateLimiter(new RateLimitSettings(true, slots, intervalNanos, burst, kissOneIn, false), 12345);
    }

    @Test
    void aBurstIsAllowedThenTheAverageApplies() {
        RateLimiter r = limiter(16, 2 * S, 3, 1);
        long t = 1000 * S;
        assertEquals(Decision.ALLOW, r.check(7, t));
        assertEquals(Decision.ALLOW, r.check(7, t));
        assertEquals(Decision.ALLOW, r.check(7, t));
        assertEquals(Decision.KISS_OF_DEATH, r.check(7, t));
        // one interval later, one more is allowed
        assertEquals(Decision.ALLOW, r.check(7, t + 2 * S));
        assertEquals(Decision.KISS_OF_DEATH, r.check(7, t + 2 * S));
    }

    @Test
    void aClientKeepingToTheAverageIsNeverRefused() {
        RateLimiter r = limiter(16, 2 * S, 1, 1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Decision.ALLOW, r.check(99, 5 * S + i * 2 * S));
        }
    }

    @Test
    void onlyOneRefusalInKissOneInGetsAKissTheRestAreDropped() {
        RateLimiter r = limiter(16, 10 * S, 1, 4);
        long t = 0;
        assertEquals(Decision.ALLOW, r.check(1, t));
        int kisses = 0;
        int drops = 0;
        for (int i = 0; i < 40; i++) {
            Decision d = r.check(1, t);
            if (d == Decision.KISS_OF_DEATH) {
                kisses++;
            } else if (d == Decision.DROP) {
                drops++;
            }
        }
        assertEquals(10, kisses);
        assertEquals(30, drops);
    }

    @Test
    void anOffenderStaysLimitedWhileAMillionOtherClientsPassThroughAFixedTable() {
        RateLimiter r = limiter(1024, S, 4, 1);
        int capacity = r.capacity();
        long offender = 0xBAD;
        long t = 0;
        int offenderAllowed = 0;
        for (int i = 0; i < 1_000_000; i++) {
            t += 1_000; // 1 µs apart: a million clients and the offender within one second
            assertEquals(Decision.ALLOW, r.check(1_000_000L + i, t), "a new client gets its burst");
            if (i % 100 == 0 && r.check(offender, t) == Decision.ALLOW) {
                offenderAllowed++;
            }
        }
        assertEquals(capacity, r.capacity(), "the table never grows");
        assertTrue(offenderAllowed <= 4 + 1, "offender allowed " + offenderAllowed + " times in 1 s");
    }

    @Test
    void aLegitimateClientIsServedWhileAnOffenderFloods() {
        RateLimiter r = limiter(64, S, 8, 1);
        long t = 0;
        int legitRefused = 0;
        for (int i = 0; i < 100_000; i++) {
            t += 100_000; // the offender: 10 000 requests per second
            r.check(666, t);
            if (i % 20_000 == 0 && r.check(42, t) != Decision.ALLOW) { // the client: one per 2 s
                legitRefused++;
            }
        }
        assertEquals(0, legitRefused);
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(true, 1000, S, 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(true, 1024, 0, 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(true, 1024, S, 0, 1, false));
    }
}
