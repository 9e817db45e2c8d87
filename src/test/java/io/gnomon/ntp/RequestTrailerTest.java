package io.gnomon.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gnomon.time.UtcTime;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which lengths after the 48-byte header a request may have (see {@link RequestTrailer}). */
class RequestTrailerTest {

    final NtpResponder responder = new NtpResponder(-20, new ServerCounters());

    DropReason outcome(ByteBuffer request) {
        ServerAction a = responder.handle(request, new UtcTime(0), NtpResponderTest.SYNCED,
                () -> new UtcTime(1), ByteBuffer.allocate(48));
        return a instanceof ServerAction.Ignore(DropReason r) ? r : null;
    }

    @ParameterizedTest(name = "v{0} + {1} bytes of MAC")
    @CsvSource({"4, 4", "4, 20", "4, 24", "4, 68", "3, 4", "3, 12", "3, 20", "3, 24", "3, 68", "1, 20", "2, 68"})
    void macAloneIsAccepted(int version, int macLength) {
        assertEquals(null, outcome(TestRequests.request(version, 3, 6, 1, macLength)));
    }

    @ParameterizedTest(name = "v{0} + {1} bytes")
    @CsvSource({"4, 1", "4, 2", "4, 23", "3, 3", "1, 70"})
    void unalignedTrailerIsDropped(int version, int trailer) {
        assertEquals(DropReason.UNALIGNED_LENGTH, outcome(TestRequests.request(version, 3, 6, 1, trailer)));
    }

    @ParameterizedTest(name = "v{0} + {1} bytes")
    @CsvSource({"3, 72", "2, 200", "1, 1000"})
    void olderVersionsMayNotCarryMoreThanAMac(int version, int trailer) {
        assertEquals(DropReason.BAD_EXTENSION_OR_MAC, outcome(TestRequests.request(version, 3, 6, 1, trailer)));
    }

    @ParameterizedTest(name = "fields {0}, MAC {1}")
    @CsvSource({"72, 0", "16;72, 0", "100, 24", "16;16;16;16;16, 20", "1000, 0", "28;40, 68"})
    void version4ExtensionFieldsThenOptionalMacAreAccepted(String fields, int mac) {
        String[] lengths = fields.split(";");
        int total = mac;
        for (String l : lengths) {
            total += Integer.parseInt(l);
        }
        ByteBuffer request = TestRequests.request(4, 3, 6, 1, total);
        int at = 48;
        for (String l : lengths) {
            TestRequests.extensionField(request, at, 0x0104, Integer.parseInt(l));
            at += Integer.parseInt(l);
        }
        assertEquals(null, outcome(request));
    }

    @ParameterizedTest(name = "first field length {0} in {1} bytes")
    @CsvSource({"0, 72", "12, 72", "74, 76", "76, 72", "65532, 72"})
    void version4BadExtensionFieldLengthIsDropped(int fieldLength, int trailer) {
        ByteBuffer request = TestRequests.request(4, 3, 6, 1, trailer);
        TestRequests.extensionField(request, 48, 0x0104, fieldLength);
        assertEquals(DropReason.BAD_EXTENSION_OR_MAC, outcome(request));
    }
}
