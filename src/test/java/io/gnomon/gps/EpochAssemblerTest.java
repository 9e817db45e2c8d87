package io.gnomon.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.nmea.FramerConfig;
import io.gnomon.nmea.NmeaChecksum;
import io.gnomon.time.MonotonicTime;
import io.gnomon.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpochAssemblerTest {

    private final List<Epoch> epochs = new ArrayList<>();
    private GpsReceiver receiver = anchoredAt(LocalDate.of(2019, 3, 14));

    private GpsReceiver anchoredAt(LocalDate anchor) {
        return new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(anchor), epochs::add);
    }
    private long clock;

    /** Sends one sentence (body without '$' and checksum), arriving 10 ms after the previous one. */
    private EpochAssemblerTest send(String body) {
        byte[] b = (NmeaChecksum.sentence(body) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        clock += 10_000_000L;
        receiver.accept(b, 0, b.length, new MonotonicTime(clock));
        return this;
    }

    private static String rmc(String time, char status, String date) {
        return "GPRMC," + time + "," + status + ",4807.038,N,01131.000,E,0.0,0.0," + date + ",,,A";
    }

    private static String gga(String time, int quality) {
        return "GPGGA," + time + ",4807.038,N,01131.000,E," + quality + ",08,0.9,545.4,M,46.9,M,,";
    }

    private List<String> valid() {
        return epochs.stream().filter(Epoch::valid).map(Epoch::isoTime).toList();
    }

    @Test
    void rmcWithStatusAAndADateAssertsTheSecondWithTheCycleArrival() {
        send(rmc("123456", 'A', "070419")).send(gga("123456", 1)).send("GPGSA,A,3,04,05,,,,,,,,,,,2.5,1.3,2.1")
                .send("GPGSV,1,1,02,04,45,120,40,05,20,300,");
        receiver.endOfInput();
        assertEquals(1, epochs.size());
        Epoch e = epochs.getFirst();
        assertEquals("2019-04-07T12:34:56.000Z", e.isoTime());
        assertEquals(List.of("GPRMC"), e.assertedBy());
        assertEquals(List.of("GPRMC", "GPGGA", "GPGSA", "GPGSV"), e.sentences());
        assertEquals(new FixStatus(true, true, 1, 3, 8), e.fix());
        assertEquals(List.of(new SatelliteSignal("GPS", 4, -1, 45, 120, 40, true),
                        new SatelliteSignal("GPS", 5, -1, 20, 300, -1, true)), // the GSA lists both
                e.satellites());
        var a = assertInstanceOf(EpochTime.Asserted.class, e.verdict());
        assertEquals(UtcTime.of(Instant.parse("2019-04-07T12:34:56Z")), a.second());
        assertFalse(a.leapSecond());
        assertEquals(new MonotonicTime(10_000_000L), a.firstByteArrival());
    }

    @Test
    void aCycleClosesWhenTheNextCycleBegins() {
        send(rmc("123456", 'A', "070419")).send(gga("123456", 1));
        assertEquals(0, epochs.size());
        send(rmc("123457", 'A', "070419"));
        assertEquals(1, epochs.size());
    }

    @Test
    void aQuietLineClosesTheCycleWithoutWaitingForTheNext() {
        send(rmc("123456", 'A', "070419"));
        receiver.closeCycleIfQuiet(new MonotonicTime(clock + 100_000_000L), 200_000_000L);
        assertEquals(0, epochs.size());
        receiver.closeCycleIfQuiet(new MonotonicTime(clock + 300_000_000L), 200_000_000L);
        assertEquals(1, epochs.size());
        send(gga("123456", 1)); // a straggler of the closed cycle
        send(rmc("123457", 'A', "070419"));
        receiver.endOfInput();
        assertEquals(List.of("2019-04-07T12:34:56.000Z", "2019-04-07T12:34:57.000Z"), valid());
        assertEquals(1, receiver.lateSentences());
    }

    @Test
    void rmcWithStatusVNeverCountsAndSaysWhy() {
        send(rmc("123456", 'V', "070419")).send(gga("123456", 0));
        receiver.endOfInput();
        Epoch e = epochs.getFirst();
        assertFalse(e.valid());
        var r = assertInstanceOf(EpochTime.Refused.class, e.verdict());
        assertTrue(r.reason().contains("GPRMC status V"), r.reason());
    }

    @Test
    void zdaCountsOnlyDuringAValidFix() {
        send(gga("123456", 0)).send("GPZDA,123456.00,07,04,2019,00,00");
        send(gga("123457", 1)).send("GPZDA,123457.00,07,04,2019,00,00");
        receiver.endOfInput();
        assertEquals(List.of("2019-04-07T12:34:57.000Z"), valid());
        assertTrue(epochs.getFirst().reasons().contains("GPZDA time without a valid fix"));
    }

    @Test
    void ggaTimeCountsOnlyOnceADateIsKnownAndCarriesItOverMidnight() {
        send(gga("235958", 1));
        send(rmc("235959", 'A', "070419")).send(gga("235959", 1));
        send(gga("000000", 1));
        receiver.endOfInput();
        assertEquals(List.of("2019-04-07T23:59:59.000Z", "2019-04-08T00:00:00.000Z"), valid());
        assertTrue(epochs.getFirst().reasons().getFirst().contains("no date known yet"));
        assertEquals(List.of("GPGGA+date of 2019-04-07+1 day"), epochs.get(2).assertedBy());
    }

    @Test
    void aLeapSecondIsRepresentedAndTheNextSecondIsNotARepeat() {
        receiver = anchoredAt(LocalDate.of(2016, 12, 1));
        send(rmc("235959", 'A', "311216")).send(rmc("235960", 'A', "311216")).send(rmc("000000", 'A', "010117"));
        receiver.endOfInput();
        assertEquals(List.of("2016-12-31T23:59:59.000Z", "2016-12-31T23:59:60.000Z", "2017-01-01T00:00:00.000Z"), valid());
        var leap = assertInstanceOf(EpochTime.Asserted.class, epochs.get(1).verdict());
        assertTrue(leap.leapSecond());
        assertEquals(UtcTime.of(Instant.parse("2016-12-31T23:59:59Z")), leap.second());
        assertTrue(epochs.stream().allMatch(e -> e.flags().isEmpty()));
    }

    @Test
    void backwardsTimeIsFlaggedRefusedAndPutsTheReceiverOnProbation() {
        send(rmc("120010", 'A', "070419")).send(rmc("120005", 'A', "070419"));
        for (int s = 6; s <= 12; s++) {
            send(rmc(String.format("1200%02d", s), 'A', "070419"));
        }
        receiver.endOfInput();
        assertEquals(Set.of(TimeFlag.WENT_BACKWARDS), epochs.get(1).flags());
        // 06 and 07 are on probation; 08..10 have served it but are not after the trusted 10
        assertEquals(List.of("2019-04-07T12:00:10.000Z", "2019-04-07T12:00:11.000Z", "2019-04-07T12:00:12.000Z"), valid());
        assertTrue(epochs.get(2).reasons().getFirst().contains("went backwards recently"));
        assertTrue(epochs.get(4).reasons().getFirst().contains("is not after the last trusted time"));
    }

    @Test
    void repeatedAndSkippedTimesAreFlagged() {
        send(rmc("120000", 'A', "070419")).send(gga("120000", 1)).send(rmc("120001", 'A', "070419"));
        send(rmc("120001", 'A', "070419")); // same time again after another sentence type: a new cycle? no: same cycle
        send(gga("120003", 1));
        receiver.endOfInput();
        assertEquals(List.of("2019-04-07T12:00:00.000Z", "2019-04-07T12:00:01.000Z", "2019-04-07T12:00:03.000Z"), valid());
        assertEquals(Set.of(TimeFlag.SKIPPED), epochs.get(2).flags());

        List<Epoch> more = new ArrayList<>();
        GpsReceiver r = new GpsReceiver(FramerConfig.defaults(), DateResolver.anchoredAt(LocalDate.of(2019, 3, 14)), more::add);
        for (String body : List.of(rmc("120000", 'A', "070419"), gga("120001", 1), rmc("120000", 'A', "070419"))) {
            byte[] b = (NmeaChecksum.sentence(body) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            r.accept(b, 0, b.length, new MonotonicTime(0));
        }
        r.endOfInput();
        assertEquals(Set.of(TimeFlag.WENT_BACKWARDS), more.get(2).flags());
    }

    @Test
    void fasterThanOneHertzCyclesAreValidButOnlyWholeSecondsNameAPpsEdge() {
        for (String t : List.of("120000.00", "120000.20", "120000.40", "120000.60", "120000.80", "120001.00")) {
            send(rmc(t, 'A', "070419")).send(gga(t, 4));
        }
        receiver.endOfInput();
        assertEquals(6, valid().size());
        assertEquals("2019-04-07T12:00:00.200Z", valid().get(1));
        assertInstanceOf(EpochTime.Asserted.class, epochs.get(0).verdict());
        var r = assertInstanceOf(EpochTime.Refused.class, epochs.get(1).verdict());
        assertTrue(r.reason().startsWith(EpochAssembler.NOT_ON_WHOLE_SECOND));
        assertInstanceOf(EpochTime.Asserted.class, epochs.get(5).verdict());
        assertTrue(epochs.stream().allMatch(e -> e.flags().isEmpty()));
    }

    @Test
    void sentencesOfOneCycleThatNameDifferentDatesAreRefused() {
        send(gga("120000", 1)).send(rmc("120000", 'A', "070419")).send("GPZDA,120000,08,04,2019,00,00");
        receiver.endOfInput();
        assertFalse(epochs.getFirst().valid());
        assertTrue(epochs.getFirst().reasons().getFirst().contains("different times"));
    }

    @Test
    void aRolledOverDateIsResolvedAndAColdStartDateNeverAsserted() {
        send(rmc("000231.42", 'A', "220899"));
        send(rmc("235946.005", 'A', "050180")); // cold-start default printed with status A: still refused
        receiver.endOfInput();
        assertEquals(List.of("2019-04-07T00:02:31.420Z"), valid());
        assertTrue(epochs.getFirst().reasons().getFirst().contains("1024 weeks"));
        assertTrue(String.join(";", epochs.get(1).reasons()).contains("cold-start"));
    }

    @Test
    void mixedPrecisionTimesOfOneCycleStayOneCycle() {
        receiver = anchoredAt(LocalDate.of(2006, 5, 20));
        send("GPGLL,5313.2228,N,00634.4228,E,200620.303,A").send(rmc("200620.30", 'A', "200506"));
        send("GPGLL,5313.2228,N,00634.4228,E,200621.297,A").send(rmc("200621.30", 'A', "200506"));
        receiver.endOfInput();
        assertEquals(2, epochs.size());
        assertEquals(List.of("2006-05-20T20:06:20.300Z", "2006-05-20T20:06:21.300Z"), valid());
    }

    @Test
    void anInvalidTimeFieldIsAReasonNotACrash() {
        send(rmc("323519", 'A', "070419"));
        receiver.endOfInput();
        assertFalse(epochs.getFirst().valid());
        assertTrue(epochs.getFirst().reasons().contains("GPRMC time '323519': hour 32 out of range"), epochs.getFirst().reasons().toString());
    }

    @Test
    void aStreamWithoutTimesStillClosesCyclesSoMemoryStaysBounded() {
        for (int i = 0; i < 2 * EpochAssembler.MAX_SENTENCES_PER_CYCLE; i++) {
            send("SDDBT,10.0,f,3.0,M,1.6,F");
        }
        assertEquals(2, epochs.size());
        assertTrue(epochs.stream().allMatch(e -> !e.valid()
                && e.reasons().contains("no sentence in this cycle carries a time")));
    }

    @Test
    void anRmcThatSaysNotValidOutvotesGgaAndZdaOfTheSameCycle() {
        send(rmc("120000", 'A', "070419")).send(gga("120000", 1));
        send(rmc("120001", 'V', "070419")).send(gga("120001", 1));
        send(rmc("120002", 'V', "070419")).send(gga("120002", 1)).send("GPZDA,120002,07,04,2019,00,00");
        receiver.endOfInput();
        assertEquals(List.of("2019-04-07T12:00:00.000Z"), valid());
        assertFalse(epochs.get(1).fix().valid());
        assertTrue(epochs.get(2).reasons().contains("GPZDA time without a valid fix"), epochs.get(2).reasons().toString());
    }
}
