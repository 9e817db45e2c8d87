package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ClientQueryTest {
    private static final long NONCE = 0x1234_5678_9abc_def0L;
    private static final UtcTime T1 = UtcTime.ofEpochSecond(1_790_000_000L);

    private static ByteBuffer reply(LeapIndicator leap, NtpMode mode, int stratum, String refId, long origin,
                                    UtcTime t2, UtcTime t3) {
        ByteBuffer b = ByteBuffer.allocate(48);
        new NtpPacket(leap, 4, mode, stratum, 4, -20, NtpShort.ZERO, NtpShort.ofSeconds(1e-5), RefId.ofAscii(refId),
                NtpTimestamp.of(t2), new NtpTimestamp(origin), NtpTimestamp.of(t2), NtpTimestamp.of(t3)).encode(b, 0);
        return b;
    }

    @Test
    void theRequestIsVersion4ClientModeCarryingTheNonce() {
        NtpPacket p = NtpPacket.decode(ClientQuery.request(NONCE));
        assertEquals(4, p.version());
        assertEquals(NtpMode.CLIENT, p.mode());
        assertEquals(NONCE, p.transmitTime().bits());
        assertEquals(LeapIndicator.NO_WARNING, p.leap());
    }

    @Test
    void offsetAndDelayFollowRfc5905() {
        // server 5 ms ahead; 2 ms each way; 1 ms in the server
        UtcTime t2 = T1.plusNanos(2_000_000 + 5_000_000);
        UtcTime t3 = t2.plusNanos(1_000_000);
        UtcTime t4 = T1.plusNanos(5_000_000);
        ClientOutcome o = ClientQuery.judge(reply(LeapIndicator.NO_WARNING, NtpMode.SERVER, 1, "PPS", NONCE, t2, t3),
                NONCE, T1, t4);
        ClientOutcome.Answer a = assertInstanceOf(ClientOutcome.Answer.class, o);
        assertEquals(5_000_000, a.offsetNanos(), 1);
        assertEquals(4_000_000, a.delayNanos(), 1);
        assertEquals("PPS", a.reply().refId().ascii());
    }

    @Test
    void aReplyToSomeoneElsesRequestIsInvalid() {
        ClientOutcome o = ClientQuery.judge(reply(LeapIndicator.NO_WARNING, NtpMode.SERVER, 1, "PPS", NONCE + 1, T1, T1),
                NONCE, T1, T1);
        assertInstanceOf(ClientOutcome.Invalid.class, o);
    }

    @Test
    void kissOfDeathUnsynchronisedShortAndWrongModeAreNamed() {
        ClientOutcome kod = ClientQuery.judge(reply(LeapIndicator.UNSYNCHRONISED, NtpMode.SERVER, 0, "RATE", NONCE, T1,
                T1), NONCE, T1, T1);
        assertEquals("RATE", assertInstanceOf(ClientOutcome.KissOfDeath.class, kod).code());
        ClientOutcome unsync = ClientQuery.judge(reply(LeapIndicator.UNSYNCHRONISED, NtpMode.SERVER, 16, "SIM", NONCE,
                T1, T1), NONCE, T1, T1);
        assertInstanceOf(ClientOutcome.Unsynchronised.class, unsync);
        ClientOutcome stratum0 = ClientQuery.judge(reply(LeapIndicator.UNSYNCHRONISED, NtpMode.SERVER, 0, "SIM", NONCE,
                T1, T1), NONCE, T1, T1);
        assertInstanceOf(ClientOutcome.Unsynchronised.class, stratum0, "stratum 0 without a kiss code");
        assertEquals("reply too short: 47 bytes, an NTP header has 48", assertInstanceOf(ClientOutcome.Invalid.class,
                ClientQuery.judge(ByteBuffer.allocate(47), NONCE, T1, T1)).reason());
        assertInstanceOf(ClientOutcome.Invalid.class, ClientQuery.judge(reply(LeapIndicator.NO_WARNING,
                NtpMode.CLIENT, 1, "PPS", NONCE, T1, T1), NONCE, T1, T1));
    }
}
