package io.gnomon.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.ntp.DropReason;
import io.gnomon.ntp.RefId;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** NTS on the NTP path through the whole server core: NtpResponder with the NTS authenticator. */
class NtsRequestsTest {
    private final Random seeded = new Random(7);
    private final Randomness random = seeded::nextBytes;
    private final AtomicReference<CookieKeys> master = new AtomicReference<>(CookieKeys.fresh(1_000_000, random));
    private final CoreHarness core = new CoreHarness(new Authentication(new NtsRequests(master::get, random)));
    private final SessionKeys keys = new SessionKeys(15, random.bytes(32), random.bytes(32));
    private final NtsTestClient client = new NtsTestClient(keys, random.bytes(32), random);

    private byte[] answer(byte[] request) {
        return core.answer(request);
    }

    @Test
    void anAuthenticRequestGetsAnAuthenticReplyWithOneNewCookiePerCookieAndPlaceholderNoLongerThanTheRequest() {
        for (int placeholders = 0; placeholders <= 7; placeholders++) {
            byte[] request = client.request(Cookies.make(keys, master.get(), random), placeholders);
            byte[] reply = answer(request);

            assertNotNull(reply, "answered");
            assertTrue(reply.length <= request.length, reply.length + " <= " + request.length);
            byte[][] cookies = client.openReply(reply);
            assertNotNull(cookies, "the reply authenticates with the S2C key and echoes the identifier");
            assertEquals(1 + placeholders, cookies.length);
            for (byte[] c : cookies) {
                assertEquals(new Cookies.Valid(keys), Cookies.open(c, master.get()), "new cookies carry the same keys");
            }
            assertEquals(1, reply[1], "stratum 1, the time");
        }
    }

    @Test
    void aCookieFromARotatedOutKeyGetsAnNtsNakEchoingTheIdentifier() {
        byte[] old = Cookies.make(keys, master.get(), random);
        for (int i = 0; i < CookieKeys.KEPT; i++) {
            master.set(master.get().rotated(2_000_000 + i, random));
        }
        byte[] reply = answer(client.request(old, 0));

        assertNotNull(reply);
        assertEquals(0, reply[1], "stratum 0: a kiss");
        assertEquals(RefId.ofAscii("NTSN").bits(), ByteBuffer.wrap(reply).getInt(12));
        assertEquals(48 + 4 + 32, reply.length, "header and the identifier, nothing else");
        assertArrayEquals(client.uid, Arrays.copyOfRange(reply, 52, 84));
        assertEquals(1, core.kisses);
    }

    @Test
    void aCookieFromTheKeyBeforeTheLastRotationStillWorks() {
        byte[] cookie = Cookies.make(keys, master.get(), random);
        master.set(master.get().rotated(2_000_000, random));
        assertNotNull(client.openReply(answer(client.request(cookie, 0))));
    }

    @Test
    void aForgedOrAlteredRequestIsDroppedAndCounted() {
        byte[] request = client.request(Cookies.make(keys, master.get(), random), 1);
        byte[] altered = request.clone();
        altered[40] ^= 1; // the transmit timestamp, covered by the authenticator
        assertNull(answer(altered));

        SessionKeys other = new SessionKeys(15, random.bytes(32), random.bytes(32));
        NtsTestClient forger = new NtsTestClient(other, random.bytes(32), random);
        assertNull(answer(forger.request(Cookies.make(keys, master.get(), random), 0)),
                "a genuine cookie with an authenticator under other keys");
        assertEquals(2, core.dropped(DropReason.NTS_NOT_AUTHENTIC));
    }

    @Test
    void aReplayedRequestIsAnsweredWithTheSameIdentifierWhichItsClientNoLongerAwaits() {
        byte[] request = client.request(Cookies.make(keys, master.get(), random), 0);
        byte[] first = answer(request);
        byte[] again = answer(request);
        assertNotNull(client.openReply(first));
        assertNotNull(client.openReply(again));
        assertArrayEquals(Arrays.copyOfRange(first, 48, 84), Arrays.copyOfRange(again, 48, 84));
    }

    @Test
    void malformedNtsRequestsAreDroppedWithAReason() {
        byte[] cookie = Cookies.make(keys, master.get(), random);
        // two cookies
        ByteBuffer b = ByteBuffer.allocate(48 + 36 + 2 * 108 + 40);
        b.put(0, (byte) 0x23);
        int at = NtsTestClient.field(b, 48, NtsExtensionField.UNIQUE_IDENTIFIER, client.uid);
        at = NtsTestClient.field(b, at, NtsExtensionField.COOKIE, cookie);
        at = NtsTestClient.field(b, at, NtsExtensionField.COOKIE, cookie);
        NtsTestClient.field(b, at, NtsExtensionField.AUTHENTICATOR, new byte[36]);
        assertNull(answer(b.array()));

        // no authenticator
        ByteBuffer c = ByteBuffer.allocate(48 + 36 + 108);
        c.put(0, (byte) 0x23);
        NtsTestClient.field(c, NtsTestClient.field(c, 48, NtsExtensionField.UNIQUE_IDENTIFIER, client.uid),
                NtsExtensionField.COOKIE, cookie);
        assertNull(answer(c.array()));

        // an authenticator whose nonce length runs past the field
        byte[] r = client.request(cookie, 0);
        ByteBuffer.wrap(r).putShort(r.length - 40 + 4, (short) 400);
        assertNull(answer(r));
        assertEquals(3, core.dropped(DropReason.NTS_MALFORMED));
    }

    @Test
    void aPlainRequestStillGetsAPlainReply() {
        byte[] plain = new byte[48];
        plain[0] = 0x23;
        byte[] reply = answer(plain);
        assertEquals(48, reply.length);
    }

    @Test
    void aTruncatedOrCutRequestNeverThrows() {
        byte[] request = client.request(Cookies.make(keys, master.get(), random), 2);
        for (int length = 0; length < request.length; length++) {
            byte[] cut = Arrays.copyOf(request, length);
            byte[] reply = answer(cut);
            if (reply != null) {
                assertInstanceOf(byte[].class, reply);
                assertNull(client.openReply(reply), "a cut request is never answered with NTS: " + length);
            }
        }
    }
}
