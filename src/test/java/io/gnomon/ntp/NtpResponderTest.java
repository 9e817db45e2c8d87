package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NtpResponderTest {

    static final UtcTime RECEIVED = UtcTime.of(Instant.parse("2026-11-25T12:00:00.123456789Z"));
    static final UtcTime SENT = UtcTime.of(Instant.parse("2026-11-25T12:00:00.123470001Z"));
    static final UtcTime REF_TIME = UtcTime.of(Instant.parse("2026-11-25T11:59:59Z"));
    static final ReferenceSnapshot SYNCED =
            new ReferenceSnapshot(true, 1, "PPS", REF_TIME, 0.0, 0.000_25, LeapIndicator.NO_WARNING);
    static final long CLIENT_TRANSMIT = 0x1234_5678_9ABC_DEF0L;

    final ServerCounters counters = new ServerCounters();
    final NtpResponder responder = new NtpResponder(-23, counters);
    final ByteBuffer reply = ByteBuffer.allocate(48);

    ServerAction handle(ByteBuffer request, ReferenceSnapshot ref) {
        return responder.handle(request, RECEIVED, ref, () -> SENT, reply);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void answersClientRequestsOfEveryVersionWithServerModeAndSameVersion(int version) {
        ServerAction action = handle(TestRequests.client(version, CLIENT_TRANSMIT), SYNCED);

        assertEquals(new ServerAction.Respond(48, true), action);
        NtpPacket p = NtpPacket.decode(reply);
        assertEquals(version, p.version());
        assertEquals(NtpMode.SERVER, p.mode());
        assertEquals(LeapIndicator.NO_WARNING, p.leap());
        assertEquals(1, p.stratum());
        assertEquals(6, p.poll());
        assertEquals(-23, p.precision());
        assertEquals("PPS", p.refId().ascii());
        assertEquals(0, p.rootDelay().bits());
        assertEquals(Math.ceilDiv(250 * 65536, 1_000_000), p.rootDispersion().bits());
        assertEquals(REF_TIME, p.referenceTime().toUtc(RECEIVED));
        assertEquals(CLIENT_TRANSMIT, p.originTime().bits());
        assertEquals(RECEIVED, p.receiveTime().toUtc(RECEIVED));
        assertEquals(SENT, p.transmitTime().toUtc(RECEIVED));
    }

    @Test
    void version1WithModeZeroIsAnOldClient() {
        ServerAction action = handle(TestRequests.request(1, 0, 4, CLIENT_TRANSMIT, 0), SYNCED);

        assertInstanceOf(ServerAction.Respond.class, action);
        NtpPacket p = NtpPacket.decode(reply);
        assertEquals(1, p.version());
        assertEquals(NtpMode.SERVER, p.mode());
        assertEquals(4, p.poll());
    }

    @ParameterizedTest
    @CsvSource({
        "4, 0, MODE_RESERVED", "2, 0, MODE_RESERVED",
        "4, 1, MODE_SYMMETRIC_ACTIVE", "4, 2, MODE_SYMMETRIC_PASSIVE", "4, 4, MODE_SERVER",
        "4, 5, MODE_BROADCAST", "2, 6, MODE_CONTROL", "2, 7, MODE_PRIVATE",
        "0, 3, BAD_VERSION", "5, 3, BAD_VERSION", "7, 3, BAD_VERSION"})
    void dropsWhatIsNotAClientRequest(int version, int mode, DropReason reason) {
        ServerAction action = handle(TestRequests.request(version, mode, 6, CLIENT_TRANSMIT, 0), SYNCED);

        assertEquals(new ServerAction.Ignore(reason), action);
        assertEquals(0, reply.getLong(0), "reply buffer untouched on drop");
        assertEquals(1, counters.snapshot().dropped(reason));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 47})
    void dropsShortDatagrams(int length) {
        ByteBuffer request = ByteBuffer.allocate(length);
        if (length > 0) {
            request.put(0, (byte) 0x23);
        }
        ServerAction action = handle(request, SYNCED);

        assertEquals(new ServerAction.Ignore(DropReason.TOO_SHORT), action);
    }

    @Test
    void unsynchronisedReferenceAnswersLeap3Stratum0() {
        ServerAction action = handle(TestRequests.client(4, CLIENT_TRANSMIT), ReferenceSnapshot.unsynchronised("GPS"));

        assertInstanceOf(ServerAction.Respond.class, action);
        NtpPacket p = NtpPacket.decode(reply);
        assertEquals(LeapIndicator.UNSYNCHRONISED, p.leap());
        assertEquals(0, p.stratum());
        assertEquals("GPS", p.refId().ascii());
        assertEquals(0, p.referenceTime().bits(), "never-set reference time goes out as zero");
        assertEquals(16 * 65536, p.rootDispersion().bits());
    }

    @Test
    void synchronisedFlagWithImpossibleStratumOrLeap3IsUnsynchronised() {
        for (ReferenceSnapshot ref : List.of(
                new ReferenceSnapshot(true, 0, "PPS", REF_TIME, 0, 0, LeapIndicator.NO_WARNING),
                new ReferenceSnapshot(true, 16, "PPS", REF_TIME, 0, 0, LeapIndicator.NO_WARNING),
                new ReferenceSnapshot(true, 1, "PPS", REF_TIME, 0, 0, LeapIndicator.UNSYNCHRONISED))) {
            handle(TestRequests.client(4, CLIENT_TRANSMIT), ref);
            NtpPacket p = NtpPacket.decode(reply);
            assertEquals(LeapIndicator.UNSYNCHRONISED, p.leap(), ref.toString());
            assertEquals(0, p.stratum(), ref.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"INSERT_SECOND", "DELETE_SECOND"})
    void announcesLeapSecondFromSnapshot(LeapIndicator leap) {
        handle(TestRequests.client(4, CLIENT_TRANSMIT), new ReferenceSnapshot(true, 1, "GPS", REF_TIME, 0, 0, leap));

        assertEquals(leap, NtpPacket.decode(reply).leap());
    }

    @Test
    void readsTransmitClockOnceAfterTheRestOfTheReplyIsWritten() {
        List<Long> replyHeadAtRead = new ArrayList<>();
        ServerAction action = responder.handle(TestRequests.client(4, CLIENT_TRANSMIT), RECEIVED, SYNCED, () -> {
            replyHeadAtRead.add(reply.getLong(32)); // receive timestamp already written
            return SENT;
        }, reply);

        assertInstanceOf(ServerAction.Respond.class, action);
        assertEquals(List.of(NtpTimestamp.bitsOf(RECEIVED)), replyHeadAtRead);
    }

    @Test
    void replyMayOverwriteTheRequestBuffer() {
        ByteBuffer shared = TestRequests.request(3, 3, 10, CLIENT_TRANSMIT, 20);

        ServerAction action = responder.handle(shared, RECEIVED, SYNCED, () -> SENT, shared);

        assertEquals(new ServerAction.Respond(48, true), action);
        NtpPacket p = NtpPacket.decode(shared);
        assertEquals(3, p.version());
        assertEquals(10, p.poll());
        assertEquals(CLIENT_TRANSMIT, p.originTime().bits());
    }

    @Test
    void honoursRequestPositionAndLittleEndianBuffers() {
        ByteBuffer big = ByteBuffer.allocate(100);
        big.position(7);
        big.put(7, (byte) 0x23).putLong(7 + 40, CLIENT_TRANSMIT);
        big.limit(7 + 48);
        ByteBuffer le = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);

        ServerAction action = responder.handle(big, RECEIVED, SYNCED, () -> SENT, le);

        assertEquals(new ServerAction.Respond(48, true), action);
        assertEquals(7, big.position());
        assertEquals(CLIENT_TRANSMIT, NtpPacket.decode(le.duplicate().order(ByteOrder.BIG_ENDIAN)).originTime().bits());
    }

    @Test
    void handledPacketsReturnPreallocatedActions() {
        ServerAction first = handle(TestRequests.client(4, 1), SYNCED);
        ServerAction second = handle(TestRequests.client(4, 2), SYNCED);
        ServerAction drop1 = handle(ByteBuffer.allocate(3), SYNCED);
        ServerAction drop2 = handle(ByteBuffer.allocate(5), SYNCED);

        assertSame(first, second);
        assertSame(drop1, drop2);
    }

    @Test
    void countsEveryRequestOnce() {
        handle(TestRequests.client(4, 1), SYNCED);
        handle(TestRequests.request(4, 6, 0, 1, 0), SYNCED);
        responder.kissRate(TestRequests.client(4, 1), 4, reply);
        responder.dropRateLimited();

        ServerCounters.Snapshot s = counters.snapshot();
        assertEquals(4, s.requests());
        assertEquals(1, s.replies());
        assertEquals(1, s.kissOfDeathSent());
        assertEquals(1, s.dropped(DropReason.MODE_CONTROL));
        assertEquals(1, s.dropped(DropReason.RATE_LIMITED));
        assertEquals(2, s.totalDropped());
        assertTrue(s.requests() == s.replies() + s.kissOfDeathSent() + s.totalDropped());
    }

    @Test
    void kissOfDeathRate() {
        ServerAction action = responder.kissRate(TestRequests.request(3, 3, 2, CLIENT_TRANSMIT, 0), 5, reply);

        assertEquals(new ServerAction.Respond(48, false), action);
        NtpPacket p = NtpPacket.decode(reply);
        assertEquals(LeapIndicator.UNSYNCHRONISED, p.leap());
        assertEquals(3, p.version());
        assertEquals(NtpMode.SERVER, p.mode());
        assertEquals(0, p.stratum());
        assertEquals(RefId.RATE, p.refId());
        assertEquals(5, p.poll(), "at least the limiter's minimum poll");
        assertEquals(CLIENT_TRANSMIT, p.originTime().bits());
        assertEquals(CLIENT_TRANSMIT, p.receiveTime().bits());
        assertEquals(CLIENT_TRANSMIT, p.transmitTime().bits());
    }

    @Test
    void kissOfDeathKeepsALargerRequestPollAndDropsNonRequests() {
        responder.kissRate(TestRequests.request(4, 3, 9, CLIENT_TRANSMIT, 0), 5, reply);
        assertEquals(9, NtpPacket.decode(reply).poll());

        assertEquals(new ServerAction.Ignore(DropReason.MODE_PRIVATE),
                responder.kissRate(TestRequests.request(2, 7, 9, CLIENT_TRANSMIT, 0), 5, reply));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 999_999_999L, 1_764_072_000_123_456_789L, -1L})
    void theNanosecondOverloadWritesTheSameReplyAsTheTimeValueOne(long receivedNanos) {
        UtcTime received = new UtcTime(receivedNanos);
        UtcTime sent = new UtcTime(receivedNanos + 13_579);
        ByteBuffer byValues = ByteBuffer.allocate(48);
        ByteBuffer byNanos = ByteBuffer.allocate(48);
        responder.handle(TestRequests.client(4, CLIENT_TRANSMIT), received, SYNCED, () -> sent, byValues);
        TransmitClock nanosOnly = new TransmitClock() {
            @Override
            public UtcTime now() {
                throw new AssertionError("the nanosecond overload reads nowUtcNanos()");
            }

            @Override
            public long nowUtcNanos() {
                return sent.epochNanos();
            }
        };
        ServerAction action = responder.handle(TestRequests.client(4, CLIENT_TRANSMIT), receivedNanos, SYNCED,
                nanosOnly, byNanos);
        assertInstanceOf(ServerAction.Respond.class, action);
        assertEquals(byValues, byNanos);
        assertEquals(NtpTimestamp.bitsOf(received), NtpPacket.decode(byNanos).receiveTime().bits());
        assertEquals(NtpTimestamp.bitsOf(sent), NtpPacket.decode(byNanos).transmitTime().bits());
        assertEquals(4, counters.snapshot().requests() + counters.snapshot().replies());
    }

    @Test
    void restampingChangesOnlyTheTransmitTimestamp() {
        handle(TestRequests.client(4, CLIENT_TRANSMIT), SYNCED);
        ByteBuffer before = ByteBuffer.allocate(48).put(reply.duplicate().clear()).flip();
        UtcTime later = SENT.plusNanos(1_234);
        NtpResponder.restampTransmit(reply, later.epochNanos());
        NtpPacket p = NtpPacket.decode(reply.duplicate().clear());
        assertEquals(NtpTimestamp.bitsOf(later), p.transmitTime().bits());
        for (int i = 0; i < 40; i++) {
            assertEquals(before.get(i), reply.get(i), "byte " + i);
        }
        ByteBuffer tooShort = ByteBuffer.allocate(16);
        NtpResponder.restampTransmit(tooShort, later.epochNanos());
        assertEquals(ByteBuffer.allocate(16), tooShort, "a buffer too short for a reply is left alone");
    }
}
