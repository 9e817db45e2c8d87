package io.gnomon.adapter.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransmitScheduleTest {

    @Test
    void aBatchOfOneLeavesRightAfterTheReading() {
        TransmitSchedule s = new TransmitSchedule(300, 2000, 0);
        assertEquals(0, s.delayNanos(0, 0));
    }

    @Test
    void laterRepliesLeaveLaterByTheSendCostAndEarlierRequestsWaitForTheRestOfTheBatch() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        // first reply of a call 7 handlings ahead
        assertEquals(700, s.delayNanos(7, 0));
        // last request, reply 7: 7 sends before it
        assertEquals(7000, s.delayNanos(0, 7));
    }

    @Test
    void theShadeMakesThePredictionEarlier() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0.1);
        assertEquals(6300, s.delayNanos(0, 7));
    }

    @Test
    void averagesFollowWhatBatchesTookAndIgnoreOutliers() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        for (int i = 0; i < 1000; i++) {
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
        s.observeHandling(0, 15_000, 1); // one slow, cache-cold request: the estimate rises only a little
        assertTrue(s.handleNanosPerRequest() < 600, "" + s.handleNanosPerRequest());
        s.observeHandling(0, 100, 1); // a faster one pulls it down quickly
        assertTrue(s.handleNanosPerRequest() < 500, "" + s.handleNanosPerRequest());
    }

    @Test
    void theCallsFixedCostIsNotChargedPerDatagram() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        for (int i = 0; i < 500; i++) {
            int m = 1 + (i % 64);
            s.observeSend(0, 20_000 + 3_000L * m, m); // 20 µs per call + 3 µs per datagram
        }
        assertEquals(3000, s.sendNanosPerReply(), 1);
    }

    @Test
    void kernelTransmitTimestampsReplaceTheStraightLineLessTheCostOfRecordingThem() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        for (int i = 0; i < 200; i++) {
            int m = 1 + (i % 8);
            s.observeSend(0, 1_000L * m, m, false); // plain: 1 µs per datagram
            s.observeSend(0, 2_000L * m, m, true); // sampled: 2 µs per datagram
        }
        for (int k = 0; k < 50; k++) {
            s.observeDeparture(0, 2_000);
            s.observeDeparture(1, 30_000); // the second datagram waits for the client's wake-up
        }
        // sampled calls cost 1 µs more per datagram: taken out once per datagram ahead
        assertEquals(2_000, s.departureOffsetNanos(0), 20);
        assertEquals(29_000, s.departureOffsetNanos(1), 300);
        // never observed: the last observed position plus the sampled per-datagram cost, less the extra
        assertEquals(30_000, s.departureOffsetNanos(2), 400);
        // the delay counts from the start of the first datagram's send: position 0's own path is left out
        assertEquals(0, s.delayNanos(0, 0));
        // the profile says 29 µs after datagram 0, but a prediction never runs more than 1 µs a position
        // ahead: a wake-up that delayed the second datagram once need not delay it next time, and T3 must not
        // pass T4
        assertEquals(1_000, s.delayNanos(0, 1));
    }

    @Test
    void shadeOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TransmitSchedule(1, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new TransmitSchedule(1, 1, -0.1));
    }

    @Test
    void overloadedCostEstimatesCannotPushAPredictionFarAhead() {
        TransmitSchedule s = new TransmitSchedule(100, 1000, 0);
        for (int i = 0; i < 2000; i++) { // overload: 40 µs per reply and 15 µs per request
            int m = 1 + (i % 8);
            s.observeSend(0, 40_000L * m, m);
            s.observeHandling(0, 15_000, 1);
        }
        assertTrue(s.sendNanosPerReply() > 30_000, "" + s.sendNanosPerReply());
        // yet 7 positions ahead and 7 requests to go are capped at 1 µs a step each
        assertEquals(7 * 1_000 + 7 * 1_000, s.delayNanos(7, 7));
    }
}
