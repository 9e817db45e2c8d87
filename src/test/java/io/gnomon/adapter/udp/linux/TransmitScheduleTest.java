package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransmitScheduleTest {

    @Test
    void aBatchOfOneLeavesRightAfterTheReading() {
        TransmitSchedule s = new TransmitSchedule(300, 2000, 0);
        assertEquals(0, s.delayNanos(1, 0, 0));
    }

    @Test
    void laterRepliesLeaveLaterByTheSendCostAndEarlierRequestsWaitForTheRestOfTheBatch() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        // request 0 of 8, first reply: wait for 7 more handlings
        assertEquals(700, s.delayNanos(8, 0, 0));
        // last request, reply 7: 7 sends before it
        assertEquals(7000, s.delayNanos(8, 7, 7));
    }

    @Test
    void theShadeMakesThePredictionEarlier() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0.1);
        assertEquals(6300, s.delayNanos(8, 7, 7));
    }

    @Test
    void averagesFollowWhatBatchesTookAndIgnoreOutliers() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        for (int i = 0; i < 200; i++) {
            s.observeSend(0, 64 * 3000, 64); // 3 µs per datagram
            s.observeHandling(0, 64 * 400, 64);
        }
        assertEquals(3000, s.sendNanosPerReply(), 1);
        assertEquals(400, s.handleNanosPerRequest(), 1);
        s.observeSend(0, 5_000_000, 1); // 5 ms: the thread was descheduled
        s.observeHandling(0, 5_000_000, 1);
        assertEquals(3000, s.sendNanosPerReply(), 1);
        assertEquals(400, s.handleNanosPerRequest(), 1);
        s.observeSend(10, 5, 3); // clock stepped back: ignored
        assertTrue(s.sendNanosPerReply() > 0);
    }

    @Test
    void shadeOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TransmitSchedule(1, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new TransmitSchedule(1, 1, -0.1));
    }
}
