package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of NTP request handling (Jazzer). The input is the datagram itself, so the seed corpus
 * in {@code NtpResponderFuzzTestInputs/} is the captured client requests byte for byte.
 *
 * <p>Invariants, for any bytes: a Respond or a counted Drop, never an exception; the request is not modified;
 * a reply is never longer than the request (no amplification); mode 6 (control) and 7 (private) are never
 * answered; a reply decodes as mode 4 with the request's version and origin = the request's transmit timestamp;
 * the leap indicator is 3 and stratum 0 whenever the reference cannot vouch for the time; a drop leaves the reply
 * buffer untouched; KoD RATE answers exactly the requests {@code handle} answers, also never longer.
 */
class NtpResponderFuzzTest {

    static final UtcTime RECEIVED = UtcTime.of(Instant.parse("2026-11-25T12:00:00.123456789Z"));
    static final UtcTime SENT = UtcTime.of(Instant.parse("2026-11-25T12:00:00.123470001Z"));
    static final List<ReferenceSnapshot> REFERENCES = List.of(
            new ReferenceSnapshot(true, 1, "PPS", UtcTime.of(Instant.parse("2026-11-25T11:59:59Z")), 0.0, 0.000_25,
                    LeapIndicator.NO_WARNING),
            ReferenceSnapshot.unsynchronised("GPS"),
            new ReferenceSnapshot(true, 1, null, null, Double.NaN, -1, LeapIndicator.DELETE_SECOND),
            new ReferenceSnapshot(true, 99, "\u00ff\u00ffLONG", new UtcTime(Long.MAX_VALUE), 1e300, 1e-300,
                    LeapIndicator.INSERT_SECOND));

    @FuzzTest(maxDuration = "4s")
    void anyDatagramIsAnsweredSafelyOrDropped(byte[] datagram) {
        for (ReferenceSnapshot reference : REFERENCES) {
            checkOne(datagram, reference);
        }
    }

    static void checkOne(byte[] datagram, ReferenceSnapshot reference) {
        byte[] original = datagram.clone();
        ServerCounters counters = new ServerCounters();
        NtpResponder responder = new NtpResponder(-20, counters);
        ByteBuffer reply = ByteBuffer.allocate(1024);

        ServerAction action = responder.handle(ByteBuffer.wrap(datagram), RECEIVED, reference, () -> SENT, reply);

        assertArrayEquals(original, datagram, "request not modified");
        assertEquals(1, counters.snapshot().requests());
        int mode = datagram.length > 0 ? datagram[0] & 7 : -1;
        switch (action) {
            case ServerAction.Respond(int length, boolean restampable) -> {
                assertTrue(length <= datagram.length, () -> "reply " + length + " > request " + datagram.length);
                assertNotEquals(6, mode, "mode 6 answered");
                assertNotEquals(7, mode, "mode 7 answered");
                assertEquals(1, counters.snapshot().replies());
                NtpPacket p = NtpPacket.decode(ByteBuffer.wrap(reply.array(), 0, length));
                assertEquals(NtpMode.SERVER, p.mode());
                assertEquals((datagram[0] >>> 3) & 7, p.version());
                assertEquals(ByteBuffer.wrap(datagram).getLong(40), p.originTime().bits(), "origin = client transmit");
                if (!NtpResponder.isSynchronised(reference)) {
                    assertEquals(LeapIndicator.UNSYNCHRONISED, p.leap());
                    assertEquals(0, p.stratum());
                }
                assertTrue(Arrays.equals(new byte[1024 - length], Arrays.copyOfRange(reply.array(), length, 1024)),
                        "nothing written past the reply length");
            }
            case ServerAction.Ignore(DropReason reason) -> {
                assertEquals(1, counters.snapshot().dropped(reason));
                assertEquals(0, counters.snapshot().replies());
                assertTrue(Arrays.equals(new byte[1024], reply.array()), "reply untouched on drop");
            }
        }

        ByteBuffer kissReply = ByteBuffer.allocate(48);
        ServerAction kiss = responder.kissRate(ByteBuffer.wrap(datagram), 4, kissReply);
        assertEquals(action instanceof ServerAction.Respond, kiss instanceof ServerAction.Respond,
                "KoD answers exactly what handle answers");
        if (kiss instanceof ServerAction.Respond(int length, boolean restampable)) {
            assertTrue(length <= datagram.length, "KoD reply longer than the request");
            NtpPacket k = NtpPacket.decode(kissReply);
            assertEquals(NtpMode.SERVER, k.mode());
            assertEquals(RefId.RATE, k.refId());
        }
    }
}
