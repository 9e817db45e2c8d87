package io.gnomon.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NTS-KE records (RFC 8915 §4), the server's answer, cookies and the master keys. */
class NtsKeTest {
    private final Random seeded = new Random(3);
    private final Randomness random = seeded::nextBytes;
    private final CookieKeys master = CookieKeys.fresh(1_000_000, random);

    /** A fake exporter: a different 32 bytes per context, so C2S and S2C can be told apart. */
    private static byte[] export(String label, byte[] context, int length) {
        assertEquals("EXPORTER-network-time-security", label);
        byte[] k = new byte[length];
        Arrays.fill(k, (byte) (context[4] + 1));
        return k;
    }

    /** chrony's request: Next Protocol [0] critical, AEAD [15, 30], End of Message. */
    private static final String CHRONY_REQUEST = "8001 0002 0000" + "8004 0004 000f 001e" + "8000 0000";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static NtsKeServerExchange.Response respond(byte[] request, CookieKeys master, Randomness random) {
        NtsKeMessage.Records r = assertInstanceOf(NtsKeMessage.Records.class, NtsKeMessage.decode(request));
        return NtsKeServerExchange.respond(r.records(), NtsKeTest::export, master,
                NtsKeServerExchange.NtpEndpoint.SAME, random);
    }

    @Test
    void aChronyRequestGetsNtpv4AesSivAndEightCookiesHoldingTheExportedKeys() {
        NtsKeServerExchange.Response r = respond(hex(CHRONY_REQUEST), master, random);
        assertEquals(NtsKeServerExchange.Outcome.COOKIES_ISSUED, r.outcome());
        List<NtsKeRecord> records = r.records();
        assertEquals(NtsKeRecord.ofShorts(true, NtsKeRecord.NEXT_PROTOCOL, 0), records.get(0));
        assertEquals(NtsKeRecord.ofShorts(true, NtsKeRecord.AEAD_ALGORITHM, 15), records.get(1));
        List<NtsKeRecord> cookies = records.stream().filter(x -> x.type() == NtsKeRecord.NEW_COOKIE).toList();
        assertEquals(8, cookies.size());
        assertEquals(NtsKeMessage.endOfMessage(), records.getLast());
        byte[] c2s = new byte[32];
        Arrays.fill(c2s, (byte) 1);
        byte[] s2c = new byte[32];
        Arrays.fill(s2c, (byte) 2);
        for (NtsKeRecord c : cookies) {
            assertEquals(new Cookies.Valid(new SessionKeys(15, c2s, s2c)), Cookies.open(c.body(), master));
        }
        // the whole response encodes and decodes to itself
        assertEquals(records, ((NtsKeMessage.Records) NtsKeMessage.decode(NtsKeMessage.encode(records))).records());
    }

    @Test
    void aPortOtherThan123IsToldInAPortRecord() {
        NtsKeMessage.Records r = (NtsKeMessage.Records) NtsKeMessage.decode(hex(CHRONY_REQUEST));
        List<NtsKeRecord> records = NtsKeServerExchange.respond(r.records(), NtsKeTest::export, master,
                new NtsKeServerExchange.NtpEndpoint(null, 12300), random).records();
        assertTrue(records.contains(NtsKeRecord.ofShorts(true, NtsKeRecord.PORT, 12300)), records.toString());
        assertFalse(records.stream().anyMatch(x -> x.type() == NtsKeRecord.SERVER));
    }

    @Test
    void requestsWithoutACommonProtocolOrAlgorithmGetAnEmptyRecordAndNoCookies() {
        NtsKeServerExchange.Response noNtp = respond(hex("8001 0002 8000" + "8004 0002 000f" + "8000 0000"), master, random);
        assertEquals(NtsKeServerExchange.Outcome.NO_COMMON_PROTOCOL, noNtp.outcome());
        assertEquals(List.of(NtsKeRecord.ofShorts(true, NtsKeRecord.NEXT_PROTOCOL), NtsKeMessage.endOfMessage()),
                noNtp.records());

        NtsKeServerExchange.Response noSiv = respond(hex("8001 0002 0000" + "8004 0002 001e" + "8000 0000"), master, random);
        assertEquals(NtsKeServerExchange.Outcome.NO_COMMON_AEAD, noSiv.outcome());
        assertTrue(noSiv.records().contains(NtsKeRecord.ofShorts(true, NtsKeRecord.AEAD_ALGORITHM)));
        assertFalse(noSiv.records().stream().anyMatch(x -> x.type() == NtsKeRecord.NEW_COOKIE));
    }

    @Test
    void errorsCarryTheRightCodes() {
        NtsKeRecord unrecognized = NtsKeRecord.ofShorts(true, NtsKeRecord.ERROR, NtsKeRecord.ERROR_UNRECOGNIZED_CRITICAL_RECORD);
        NtsKeRecord badRequest = NtsKeRecord.ofShorts(true, NtsKeRecord.ERROR, NtsKeRecord.ERROR_BAD_REQUEST);
        // an unknown critical record (type 0x1234)
        assertEquals(unrecognized, respond(hex("8001 0002 0000 9234 0000 8000 0000"), master, random).records().getFirst());
        // an unknown non-critical record is ignored
        assertEquals(NtsKeServerExchange.Outcome.COOKIES_ISSUED,
                respond(hex("8001 0002 0000 8004 0002 000f 1234 0001 ff 8000 0000"), master, random).outcome());
        // no Next Protocol; two of them; one not critical; an odd-length AEAD body; a client sending an Error
        for (String bad : List.of("8004 0002 000f 8000 0000",
                "8001 0002 0000 8001 0002 0000 8000 0000",
                "0001 0002 0000 8000 0000",
                "8001 0002 0000 8004 0003 000f00 8000 0000",
                "8001 0002 0000 8002 0002 0001 8000 0000")) {
            assertEquals(badRequest, respond(hex(bad), master, random).records().getFirst(), bad);
        }
    }

    @Test
    void truncatedOverlongAndTrailingBytesAreMalformed() {
        byte[] good = hex(CHRONY_REQUEST);
        for (int cut = 0; cut < good.length; cut++) {
            assertInstanceOf(NtsKeMessage.Malformed.class, NtsKeMessage.decode(Arrays.copyOf(good, cut)), "cut at " + cut);
        }
        assertInstanceOf(NtsKeMessage.Malformed.class, NtsKeMessage.decode(hex(CHRONY_REQUEST + "00")));
        assertInstanceOf(NtsKeMessage.Malformed.class, NtsKeMessage.decode(new byte[NtsKeMessage.MAX_MESSAGE_LENGTH + 1]));
        // a body length past the end
        assertInstanceOf(NtsKeMessage.Malformed.class, NtsKeMessage.decode(hex("8001 ffff 0000")));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < NtsKeMessage.MAX_RECORDS + 1; i++) {
            many.append("1234 0000 ");
        }
        assertInstanceOf(NtsKeMessage.Malformed.class, NtsKeMessage.decode(hex(many + "8000 0000")));
    }

    @Test
    void aRecordNeverPrintsItsBody() {
        NtsKeRecord cookie = new NtsKeRecord(false, NtsKeRecord.NEW_COOKIE, hex("deadbeef"));
        assertFalse(cookie.toString().toLowerCase().contains("deadbeef"), cookie.toString());
        assertFalse(new SessionKeys(15, new byte[32], hex("ab".repeat(32))).toString().contains("ab"));
    }

    @Test
    void masterKeysRotateKeepingThreeAndSurviveTheirTextForm() {
        CookieKeys k = master;
        List<byte[]> cookies = new ArrayList<>();
        SessionKeys keys = new SessionKeys(15, random.bytes(32), random.bytes(32));
        for (int week = 0; week < 5; week++) {
            cookies.add(Cookies.make(keys, k, random));
            CookieKeys next = k.rotatedIfDue(1_000_000 + week * CookieKeys.WEEK_SECONDS + CookieKeys.WEEK_SECONDS - 1,
                    CookieKeys.WEEK_SECONDS, random);
            assertTrue(next == k, "not due a second early");
            k = k.rotatedIfDue(1_000_000 + (week + 1) * CookieKeys.WEEK_SECONDS, CookieKeys.WEEK_SECONDS, random);
        }
        assertEquals(3, k.size());
        CookieKeys reread = CookieKeys.decode(k.encode());
        // the last two weeks' cookies open with the kept keys, older ones do not
        for (int week = 0; week < 5; week++) {
            boolean kept = week >= 3;
            assertEquals(kept, Cookies.open(cookies.get(week), reread) instanceof Cookies.Valid, "week " + week);
        }
        assertFalse(k.toString().contains(k.encode().split("\n")[1].split(" ")[2]), "never printed");
    }

    @Test
    void aCorruptKeyFileTextDoesNotDecode() {
        String text = master.encode();
        assertNull(CookieKeys.decode(""));
        assertNull(CookieKeys.decode(text.substring(0, text.length() - 5)));
        assertNull(CookieKeys.decode(text.replace("gnomon", "gnomen")));
        assertNull(CookieKeys.decode(text.replaceFirst(" [0-9a-f]{64}", " " + "zz".repeat(32))));
    }

    @Test
    void anAlteredCookieDoesNotOpen() {
        byte[] c = Cookies.make(new SessionKeys(15, new byte[32], new byte[32]), master, random);
        for (int i = 0; i < c.length; i++) {
            byte[] altered = c.clone();
            altered[i] ^= 0x40;
            assertInstanceOf(Cookies.Invalid.class, Cookies.open(altered, master), "byte " + i);
        }
        assertArrayEquals(c, c.clone());
    }
}
