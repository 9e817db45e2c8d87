package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.NmeaChecksum;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever a receiver does with its clock, the times Gnomon trusts only ever move forward. */
class EpochOrderPropertyTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMyy");

    @Property(tries = 200)
    void trustedTimesStrictlyIncreaseWhateverTheReceiverPrints(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -3000, max = 3000) Integer> stepsMillis,
            @ForAll @IntRange(min = 1, max = 50) int granularityMillis,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9) Integer> statusNoise) {
        List<Epoch> epochs = new ArrayList<>();
        GpsReceiver r = new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(LocalDate.of(2019, 3, 14)),
                epochs::add);
        LocalDateTime t = LocalDateTime.of(2019, 4, 7, 23, 59, 50);
        for (int i = 0; i < stepsMillis.size(); i++) {
            t = t.plusNanos(stepsMillis.get(i) / granularityMillis * granularityMillis * 1_000_000L);
            char status = i < statusNoise.size() && statusNoise.get(i) == 0 ? 'V' : 'A';
            String body = "GPRMC," + TIME.format(t) + "," + status + ",4807.038,N,01131.000,E,0.0,0.0," + DATE.format(t) + ",,,A";
            byte[] b = (NmeaChecksum.sentence(body) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            r.accept(b, 0, b.length, new MonotonicTime(i));
        }
        r.endOfInput();
        UtcTime last = null;
        UtcTime lastAsserted = null;
        for (Epoch e : epochs) {
            if (e.time().isPresent()) {
                assertTrue(last == null || e.time().get().compareTo(last) > 0, "trusted time went backwards: " + epochs);
                last = e.time().get();
            }
            if (e.verdict() instanceof EpochTime.Asserted a) {
                assertTrue(a.second().epochNanos() % UtcTime.NANOS_PER_SECOND == 0);
                assertTrue(lastAsserted == null || a.second().compareTo(lastAsserted) > 0, "second asserted twice: " + epochs);
                lastAsserted = a.second();
            }
        }
    }
}
