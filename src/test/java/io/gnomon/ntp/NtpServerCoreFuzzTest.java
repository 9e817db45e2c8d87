package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of what every socket path does with one datagram (Jazzer): {@link NtpServerCore#handle}
 * followed by {@link NtpServerCore#restamp} as a path does, with an arbitrary reference snapshot (any stratum, refid, times, delays, leap), an
 * arbitrary host receive time and served-clock offset, and arbitrary request bytes, in the direct buffers the
 * socket loops use, the request at a non-zero position as after a receive into a shared buffer.
 *
 * <p>Invariants: no exception for any snapshot or datagram; request bytes, position and limit untouched; a reply
 * is never longer than the request and never answers mode 6 or 7; it is mode 4, origin = the request's transmit
 * timestamp, receive = the served time of the host receive time, transmit = the served time of the departure; LI=3 and
 * stratum 0 whenever the snapshot cannot vouch for the time; every datagram is counted once, as a reply or a drop.
 *
 * <p>Input layout (FuzzedDataProvider): the snapshot and clock values are taken from the end of the input, the
 * request is whatever remains at the front — so a seed is a request followed by 64 parameter bytes.
 */
class NtpServerCoreFuzzTest {

    private static final LeapIndicator[] LEAPS = {LeapIndicator.NO_WARNING, LeapIndicator.INSERT_SECOND,
            LeapIndicator.DELETE_SECOND, LeapIndicator.UNSYNCHRONISED, null};
    private static final int OFFSET = 7;

    @FuzzTest(maxDuration = "4s")
    void anyDatagramThroughTheExchange(FuzzedDataProvider in) {
        ReferenceSnapshot reference = new ReferenceSnapshot(in.consumeBoolean(), in.consumeInt(-2, 300),
                in.consumeBoolean() ? null : in.consumeString(6), in.consumeBoolean() ? null : new UtcTime(in.consumeLong()),
                in.consumeDouble(), in.consumeDouble(), LEAPS[in.consumeInt(0, LEAPS.length - 1)]);
        long servedOffset = in.consumeLong();
        long received = in.consumeLong();
        long departure = in.consumeLong();
        byte[] datagram = in.consumeRemainingAsBytes();

        ServingState serving = new ServingState() {
            @Override
            public ReferenceSnapshot snapshot() {
                return reference;
            }

            @Override
            public long servedUtcNanos(long realtimeNanos) {
                return realtimeNanos + servedOffset;
            }
        };
        ServerCounters counters = new ServerCounters();
        NtpServerCore core = new NtpServer(ServerPolicy.of(-20, RateLimitSettings.off()), () -> serving, counters,
                RecentClients.tenMinutes(1), () -> 1).newCore();

        ByteBuffer request = ByteBuffer.allocateDirect(OFFSET + datagram.length + 5);
        request.position(OFFSET).put(datagram).flip().position(OFFSET);
        ByteBuffer reply = ByteBuffer.allocateDirect(2048);

        ServerAction action = core.handle(request, 1, false, received, 0, received, reply);
        if (action instanceof ServerAction.Respond(int length, boolean restampable) && restampable) {
            core.restamp(reply, length, departure);
        }

        assertEquals(OFFSET, request.position());
        assertEquals(OFFSET + datagram.length, request.limit());
        for (int i = 0; i < datagram.length; i++) {
            assertEquals(datagram[i], request.get(OFFSET + i), "request byte " + i + " untouched");
        }
        ServerCounters.Snapshot s = counters.snapshot();
        assertEquals(1, s.requests());
        int mode = datagram.length > 0 ? datagram[0] & 7 : -1;
        switch (action) {
            case ServerAction.Respond(int length, boolean restampable) -> {
                assertEquals(1, s.replies());
                assertTrue(length <= datagram.length, "reply " + length + " > request " + datagram.length);
                assertNotEquals(6, mode);
                assertNotEquals(7, mode);
                NtpPacket p = NtpPacket.decode(reply.duplicate().position(0).limit(length));
                assertEquals(NtpMode.SERVER, p.mode());
                assertEquals((datagram[0] >>> 3) & 7, p.version());
                assertEquals(ByteBuffer.wrap(datagram).getLong(40), p.originTime().bits());
                assertTrue(restampable, "a time reply may be stamped again before the send");
                assertEquals(NtpTimestamp.bitsOfUtcNanos(received + servedOffset), p.receiveTime().bits());
                assertEquals(NtpTimestamp.bitsOfUtcNanos(departure + servedOffset), p.transmitTime().bits());
                boolean vouches = reference.synchronised() && reference.leap() != null
                        && reference.leap() != LeapIndicator.UNSYNCHRONISED
                        && reference.stratum() >= 1 && reference.stratum() <= 15;
                if (!vouches) {
                    assertEquals(LeapIndicator.UNSYNCHRONISED, p.leap());
                    assertEquals(0, p.stratum());
                } else {
                    assertEquals(reference.leap(), p.leap());
                    assertEquals(reference.stratum(), p.stratum());
                }
            }
            case ServerAction.Ignore(DropReason reason) -> {
                assertEquals(0, s.replies());
                assertEquals(1, s.dropped(reason));
            }
        }
    }
}
