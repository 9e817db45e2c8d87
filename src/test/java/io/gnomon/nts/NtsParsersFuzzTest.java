package io.gnomon.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gnomon.ntp.RequestAuthenticator.Verdict;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/**
 * Coverage-guided fuzzing (Jazzer) of the two NTS parsers of outside input: NTS-KE messages and NTS extension
 * fields on the NTP path. Seeds in {@code NtsParsersFuzzTestInputs/}; long runs with scripts/fuzz.
 */
class NtsParsersFuzzTest {
    private static final Randomness RANDOM = new Random(11)::nextBytes;
    private static final CookieKeys MASTER = CookieKeys.fresh(1_000_000, RANDOM);
    private static final NtsRequests REQUESTS = new NtsRequests(() -> MASTER, RANDOM);

    /** Any bytes: a message (which re-encodes to the same bytes, ends with End of Message) or Malformed; never an exception. */
    @FuzzTest(maxDuration = "4s")
    void anyKeMessageDecodesOrIsMalformed(byte[] data) {
        NtsKeMessage.Decoded d = NtsKeMessage.decode(data);
        if (d instanceof NtsKeMessage.Records(List<NtsKeRecord> records)) {
            assertArrayEquals(data, NtsKeMessage.encode(records));
            assertEquals(NtsKeRecord.END_OF_MESSAGE, records.getLast().type());
            NtsKeServerExchange.Response r = NtsKeServerExchange.respond(records, (label, context, length) -> new byte[length],
                    MASTER, NtsKeServerExchange.NtpEndpoint.SAME, RANDOM);
            assertEquals(NtsKeRecord.END_OF_MESSAGE, r.records().getLast().type());
        }
    }

    /**
     * Any datagram: not NTS, dropped, a NAK, or (never without a valid cookie and authenticator) authentic; the
     * request is not modified; a NAK or reply tail stays within the request's length.
     */
    @FuzzTest(maxDuration = "4s")
    void anyNtpDatagramIsJudgedSafely(byte[] data) {
        byte[] original = data.clone();
        Verdict v = REQUESTS.verify(ByteBuffer.wrap(data), 0, data.length);
        assertArrayEquals(original, data);
        if (v instanceof Verdict.Nak nak) {
            ByteBuffer reply = ByteBuffer.allocate(2048);
            assertTrue(nak.appendTail(reply, 48, data.length) <= data.length);
        }
        if (v instanceof Verdict.Authentic) {
            throw new AssertionError("random bytes authenticated");
        }
        if (data.length <= 48) {
            assertNull(v);
        }
    }
}
