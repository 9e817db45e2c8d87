package io.gnomon.adapter.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.LeapIndicator;
import io.gnomon.ntp.NtpMode;
import io.gnomon.ntp.NtpPacket;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.NtpTimestamp;
import io.gnomon.ntp.ReferenceSnapshot;
import io.gnomon.ntp.ServerAction;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of what every socket path does with one datagram (Jazzer): {@link NtpExchange} with
 * the real {@link NtpResponder}, an arbitrary reference snapshot (any stratum, refid, times, delays, leap), an
 * arbitrary host receive time and served-clock offset, and arbitrary request bytes, in the direct buffers the
 * socket loops use, the request at a non-zero position as after a receive into a shared buffer.
 *
 * <p>Invariants: no exception for any snapshot or datagram; request bytes, position and limit untouched; a reply
 * is never longer than the request and never answers mode 6 or 7; it is mode 4, origin = the request's transmit
 * timestamp, receive = the served time of the host receive time, transmit = the served clock read; LI=3 and
 * stratum 0 whenever the snapshot cannot vouch for the time; every datagram is counted once, as a reply or a drop.
 *
 * <p>Input layout (FuzzedDataProvider): the snapshot and clock values are taken from the end of the input, the
 * request is whatever remains at the front — so a seed is a request followed by 64 parameter bytes.
 */
@Tag("slow")
class NtpExchangeFuzzTest {

    private static final LeapIndicator[] LEAPS = {LeapIndicator.NO_WARNING, LeapIndicator.INSERT_SECOND,
            LeapIndicator.DELETE_SECOND, LeapIndicator.UNSYNCHRONISED, null};
    private static final int OFFSET = 7;

    @FuzzTest(maxDuration = "4s")
    void anyDatagramThroughTheExchange(FuzzedDataProvider in) {
        ReferenceSnapshot reference = new ReferenceSnapshot(in.consumeBoolean(), in.consumeInt(-2, 300),
                in.consumeBoolean() ? null : in.consumeString(6), in.consumeBoolean() ? null : new UtcTime(in.consumeLong()),
                in.consumeDouble(), in.consumeDouble(), LEAPS[in.consumeInt(0, LEAPS.length - 1)]);
        long servedOffset = in.consumeLong();
        RealtimeTime received = new RealtimeTime(in.consumeLong());
        UtcTime transmitTime = new UtcTime(in.consumeLong());
        byte[] datagram = in.consumeRemainingAsBytes();

        ServedClock served = new ServedClock() {
            @Override
            public UtcTime now() {
                return transmitTime;
            }

            @Override
            public UtcTime fromRealtime(RealtimeTime hostTime) {
                return new UtcTime(hostTime.epochNanos() + servedOffset);
            }
        };
        ServerCounters counters = new ServerCounters();
        NtpResponder responder = new NtpResponder(-20, counters);
        NtpExchange exchange = new NtpExchange(responder::handle, () -> reference, served);

        ByteBuffer request = ByteBuffer.allocateDirect(OFFSET + datagram.length + 5);
        request.position(OFFSET).put(datagram).flip().position(OFFSET);
        ByteBuffer reply = ByteBuffer.allocateDirect(PortableUdpServer.BUFFER_BYTES);

        ServerAction action = exchange.answer(request, received, reply);

        assertEquals(OFFSET, request.position());
        assertEquals(OFFSET + datagram.length, request.limit());
        for (int i = 0; i < datagram.length; i++) {
            assertEquals(datagram[i], request.get(OFFSET + i), "request byte " + i + " untouched");
        }
        ServerCounters.Snapshot s = counters.snapshot();
        assertEquals(1, s.requests());
        int mode = datagram.length > 0 ? datagram[0] & 7 : -1;
        switch (action) {
            case ServerAction.Respond(int length) -> {
                assertEquals(1, s.replies());
                assertTrue(length <= datagram.length, "reply " + length + " > request " + datagram.length);
                assertNotEquals(6, mode);
                assertNotEquals(7, mode);
                NtpPacket p = NtpPacket.decode(reply.duplicate().position(0).limit(length));
                assertEquals(NtpMode.SERVER, p.mode());
                assertEquals((datagram[0] >>> 3) & 7, p.version());
                assertEquals(ByteBuffer.wrap(datagram).getLong(40), p.originTime().bits());
                assertEquals(NtpTimestamp.bitsOf(served.fromRealtime(received)), p.receiveTime().bits());
                assertEquals(NtpTimestamp.bitsOf(transmitTime), p.transmitTime().bits());
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
            case ServerAction.Drop(DropReason reason) -> {
                assertEquals(0, s.replies());
                assertEquals(1, s.dropped(reason));
            }
        }
    }
}
