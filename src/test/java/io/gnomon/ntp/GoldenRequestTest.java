package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real requests from chronyd and ntpdig, answered against a fixed reference and fixed clocks. */
class GoldenRequestTest {

    static final UtcTime RECEIVED = UtcTime.of(Instant.parse("2036-02-07T06:28:15.999999999Z"));
    static final UtcTime SENT = UtcTime.of(Instant.parse("2036-02-07T06:28:16.000012345Z")); // era 1
    static final UtcTime REF_TIME = UtcTime.of(Instant.parse("2036-02-07T06:28:15Z"));
    static final int PRECISION = -21;

    static List<GoldenRequests.Golden> goldens() {
        return GoldenRequests.all();
    }

    @Test
    void everyClientIsRepresented() {
        List<String> names = goldens().stream().map(GoldenRequests.Golden::name).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("chronyd")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("ntpdig")), names.toString());
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void decodesAsClientRequestAndReEncodesByteForByte(GoldenRequests.Golden golden) {
        NtpPacket request = NtpPacket.decode(ByteBuffer.wrap(golden.bytes()));
        assertEquals(NtpMode.CLIENT, request.mode());
        assertTrue(request.version() == 3 || request.version() == 4);

        ByteBuffer again = ByteBuffer.allocate(48);
        request.encode(again, 0);
        assertArrayEquals(Arrays.copyOf(golden.bytes(), 48), again.array());
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void synchronisedReplyFieldByField(GoldenRequests.Golden golden) {
        ReferenceSnapshot ref = new ReferenceSnapshot(true, 1, "GPS", REF_TIME, 0.0, 0.001, LeapIndicator.INSERT_SECOND);
        NtpPacket request = NtpPacket.decode(ByteBuffer.wrap(golden.bytes()));

        NtpPacket reply = answer(golden, ref);

        assertEquals(LeapIndicator.INSERT_SECOND, reply.leap());
        assertEquals(request.version(), reply.version());
        assertEquals(NtpMode.SERVER, reply.mode());
        assertEquals(1, reply.stratum());
        assertEquals(request.poll(), reply.poll());
        assertEquals(PRECISION, reply.precision());
        assertEquals(0, reply.rootDelay().bits());
        assertEquals(66, reply.rootDispersion().bits(), "1 ms = 65.536 units of 2^-16 s, rounded up");
        assertEquals(RefId.ofAscii("GPS"), reply.refId());
        assertEquals(0x47_50_53_00, reply.refId().bits());
        assertEquals(REF_TIME, reply.referenceTime().toUtc(RECEIVED));
        assertEquals(request.transmitTime(), reply.originTime());
        assertEquals(RECEIVED, reply.receiveTime().toUtc(RECEIVED));
        assertEquals(SENT, reply.transmitTime().toUtc(RECEIVED));
        assertEquals(0xFFFF_FFFFL, reply.receiveTime().eraSeconds(), "last second of era 0");
        assertEquals(0L, reply.transmitTime().eraSeconds(), "first second of era 1");
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void unsynchronisedReplyIsLeap3Stratum0(GoldenRequests.Golden golden) {
        NtpPacket request = NtpPacket.decode(ByteBuffer.wrap(golden.bytes()));

        NtpPacket reply = answer(golden, ReferenceSnapshot.unsynchronised("GPS"));

        assertEquals(LeapIndicator.UNSYNCHRONISED, reply.leap());
        assertEquals(0, reply.stratum());
        assertEquals(request.version(), reply.version());
        assertEquals(request.transmitTime(), reply.originTime());
        assertEquals(NtpTimestamp.ZERO, reply.referenceTime());
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void kissOfDeathRateAnswersEveryGolden(GoldenRequests.Golden golden) {
        NtpPacket request = NtpPacket.decode(ByteBuffer.wrap(golden.bytes()));
        ByteBuffer out = ByteBuffer.allocate(48);

        ServerAction action = new NtpResponder(PRECISION, new ServerCounters())
                .kissRate(ByteBuffer.wrap(golden.bytes()), 4, out);

        assertEquals(new ServerAction.Respond(48, false), action);
        NtpPacket reply = NtpPacket.decode(out);
        assertEquals(0, reply.stratum());
        assertEquals(RefId.RATE, reply.refId());
        assertEquals(Math.max(4, request.poll()), reply.poll());
        assertEquals(request.transmitTime(), reply.originTime());
    }

    private static NtpPacket answer(GoldenRequests.Golden golden, ReferenceSnapshot ref) {
        byte[] sentinel = new byte[golden.bytes().length + 16];
        Arrays.fill(sentinel, (byte) 0x55);
        ByteBuffer out = ByteBuffer.wrap(sentinel.clone());
        ServerCounters counters = new ServerCounters();

        ServerAction action = new NtpResponder(PRECISION, counters)
                .handle(ByteBuffer.wrap(golden.bytes()).asReadOnlyBuffer(), RECEIVED, ref, () -> SENT, out);

        assertEquals(new ServerAction.Respond(48, true), action);
        assertTrue(48 <= golden.bytes().length);
        assertArrayEquals(Arrays.copyOfRange(sentinel, 48, sentinel.length),
                Arrays.copyOfRange(out.array(), 48, sentinel.length), "nothing after the header is written or echoed");
        assertEquals(1, counters.snapshot().replies());
        return NtpPacket.decode(out);
    }
}
