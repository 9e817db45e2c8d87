package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, the responder answers or drops with a reason; it never throws or grows the reply. */
class NtpResponderPropertyTest {

    static final UtcTime RECEIVED = NtpResponderTest.RECEIVED;
    static final List<ReferenceSnapshot> REFERENCES = List.of(
            NtpResponderTest.SYNCED,
            ReferenceSnapshot.unsynchronised("GPS"),
            new ReferenceSnapshot(true, 1, null, null, Double.NaN, -1, LeapIndicator.DELETE_SECOND));

    @Property(tries = 2000)
    void anyBytesGiveAReplyOrADrop(@ForAll @Size(max = 200) byte[] datagram,
                                   @ForAll @IntRange(min = 0, max = 2) int reference) {
        check(datagram, REFERENCES.get(reference));
    }

    @Property(tries = 2000)
    void anyHeaderLikeBytesGiveAReplyOrADrop(@ForAll("headerLike") byte[] datagram) {
        Statistics.label("outcome").collect(check(datagram, NtpResponderTest.SYNCED))
                .coverage(c -> {
                    c.check("Respond").percentage(p -> p > 1);
                    c.check("BAD_VERSION").percentage(p -> p > 1);
                    c.check("BAD_EXTENSION_OR_MAC").percentage(p -> p > 0.1);
                });
    }

    @Property(tries = 2000)
    void mutatedGoldenRequestsGiveAReplyOrADrop(@ForAll("mutatedGoldens") byte[] datagram) {
        Statistics.label("outcome").collect(check(datagram, NtpResponderTest.SYNCED))
                .coverage(c -> {
                    c.check("Respond").percentage(p -> p > 10);
                    c.check("UNALIGNED_LENGTH").percentage(p -> p > 5);
                    c.check("TOO_SHORT").percentage(p -> p > 5);
                });
    }

    /** Mostly the right length and first byte, so the deeper rules get exercised, not just TOO_SHORT. */
    @Provide
    Arbitrary<byte[]> headerLike() {
        Arbitrary<Integer> words = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> firstByte = Arbitraries.integers().between(0, 255);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofSize(48 + 4 * 40 + 3);
        Arbitrary<Integer> odd = Arbitraries.integers().between(0, 3);
        return Combinators.combine(words, firstByte, body, odd).as((w, f, b, o) -> {
            byte[] d = Arrays.copyOf(b, 48 + 4 * w + (o == 3 ? 1 : 0));
            d[0] = (byte) (int) f;
            return d;
        });
    }

    @Provide
    Arbitrary<byte[]> mutatedGoldens() {
        List<byte[]> goldens = GoldenRequests.all().stream().map(GoldenRequests.Golden::bytes).toList();
        Arbitrary<byte[]> golden = Arbitraries.of(goldens);
        return Combinators.combine(golden, Arbitraries.integers().between(0, 1000), Arbitraries.bytes(),
                Arbitraries.integers().between(-8, 8)).as((g, at, value, resize) -> {
                    byte[] d = Arrays.copyOf(g, Math.max(0, g.length + resize));
                    if (d.length > 0) {
                        d[at % d.length] = value;
                    }
                    return d;
                });
    }

    /** @return "Respond" or the drop reason's name */
    private static String check(byte[] datagram, ReferenceSnapshot reference) {
        byte[] original = datagram.clone();
        ByteBuffer reply = ByteBuffer.allocate(256);
        ServerCounters counters = new ServerCounters();
        NtpResponder responder = new NtpResponder(-20, counters);

        ServerAction action = responder.handle(ByteBuffer.wrap(datagram), RECEIVED, reference, () -> RECEIVED, reply);

        assertArrayEquals(original, datagram, "request not modified");
        ServerCounters.Snapshot s = counters.snapshot();
        assertEquals(1, s.requests());
        switch (action) {
            case ServerAction.Respond(int length, boolean restampable) -> {
                assertEquals(48, length);
                assertTrue(length <= datagram.length, "reply never longer than the request");
                assertEquals(1, s.replies());
                NtpPacket p = NtpPacket.decode(reply);
                assertEquals(NtpMode.SERVER, p.mode());
                assertEquals((datagram[0] >>> 3) & 7, p.version());
                assertTrue(p.version() >= 1 && p.version() <= 4);
            }
            case ServerAction.Ignore(DropReason reason) -> {
                assertEquals(1, s.dropped(reason));
                assertTrue(Arrays.equals(new byte[256], reply.array()), "reply untouched on drop");
            }
        }
        ServerAction kiss = responder.kissRate(ByteBuffer.wrap(datagram), 4, ByteBuffer.allocate(48));
        assertEquals(action instanceof ServerAction.Respond, kiss instanceof ServerAction.Respond,
                "KoD answers exactly what handle answers");
        return action instanceof ServerAction.Ignore(DropReason r) ? r.name() : "Respond";
    }
}
