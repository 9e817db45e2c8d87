package io.gnomon.adapter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesFromInitialUpToTheCapAndStaysThere() {
        RetryBackoff b = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(8));
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ms.add(b.next().toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L, 8000L), ms);
    }

    @Test
    void capThatIsNotAPowerOfTwoTimesInitialIsRespected() {
        RetryBackoff b = new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(1));
        assertEquals(List.of(300L, 600L, 1000L, 1000L),
                List.of(b.next().toMillis(), b.next().toMillis(), b.next().toMillis(), b.next().toMillis()));
    }

    @Test
    void resetStartsOver() {
        RetryBackoff b = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(8));
        b.next();
        b.next();
        b.next();
        b.reset();
        assertEquals(Duration.ofMillis(500), b.next());
    }

    @Test
    void nonsenseSettingsAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals(true, e.getMessage().contains("below"), e.getMessage());
    }
}
