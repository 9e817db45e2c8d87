package io.gnomon.gps;

import io.gnomon.nmea.NmeaTimeOfDay;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One receiver cycle, as the status pages show it.
 *
 * @param firstByteArrival  arrival of the first byte of the cycle's first sentence
 * @param timeOfDay         the time of day the cycle's sentences share, if any carried one
 * @param time              the UTC time the receiver asserts (with its printed fraction), if it can be trusted;
 *                          for 23:59:60 this is 23:59:59 of that day and {@code leapSecond} is true
 * @param assertedBy        the sentences whose time and date produced {@code time}, e.g. "GPRMC", "GPZDA"
 * @param sentences         every sentence address in the cycle, in arrival order
 * @param fix               fix status and quality
 * @param satellites        satellites in view with SNR, from the cycle's GSV sentences
 * @param reasons           why the time is not asserted, and anything doubtful seen on the way
 * @param flags             backwards / repeated / skipped compared with the previous cycle's time
 * @param verdict           what the reference-clock layer gets
 */
public record Epoch(
        MonotonicTime firstByteArrival,
        Optional<NmeaTimeOfDay> timeOfDay,
        Optional<UtcTime> time,
        boolean leapSecond,
        List<String> assertedBy,
        List<String> sentences,
        FixStatus fix,
        List<SatelliteSignal> satellites,
        List<String> reasons,
        Set<TimeFlag> flags,
        EpochTime verdict) {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public boolean valid() {
        return time.isPresent();
    }

    /** The asserted time as ISO-8601 with milliseconds and Z ("…T23:59:60.000Z" for a leap second), or "-". */
    public String isoTime() {
        if (time.isEmpty()) {
            return "-";
        }
        Instant t = time.get().toInstant();
        String s = ISO_MILLIS.format(t);
        return leapSecond ? s.substring(0, 17) + "60" + s.substring(19) : s;
    }
}
