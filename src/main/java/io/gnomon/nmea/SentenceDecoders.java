package io.gnomon.nmea;

import static io.gnomon.nmea.NmeaFieldParsers.decimalOrNaN;
import static io.gnomon.nmea.NmeaFieldParsers.intOrMinusOne;
import static io.gnomon.nmea.NmeaFieldParsers.timeOfDay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The table of decoders, keyed by sentence type with the talker stripped (so GPRMC, GNRMC and BDRMC share one
 * decoder). Each entry names the minimum field count (address included) it needs; a shorter sentence is
 * {@link NmeaSentence.Malformed}. Types without an entry, and every proprietary sentence, decode to
 * {@link NmeaSentence.Unknown}.
 *
 * <p>Field layouts covered: NMEA 2.x (RMC without mode), 2.3 (RMC/GLL mode), 3.0, 4.1/4.11 (RMC nav status, GSA
 * system id, GSV signal id, GNS nav status).
 */
public final class SentenceDecoders {

    private record Entry(int minimumFields, SentenceDecoder decoder) {
    }

    private final Map<String, Entry> table;

    private SentenceDecoders(Map<String, Entry> table) {
        this.table = Map.copyOf(table);
    }

    public static SentenceDecoders standard() {
        return new SentenceDecoders(Map.of(
                "RMC", new Entry(10, SentenceDecoders::rmc),
                "ZDA", new Entry(5, SentenceDecoders::zda),
                "GGA", new Entry(8, SentenceDecoders::gga),
                "GLL", new Entry(7, SentenceDecoders::gll),
                "GNS", new Entry(8, SentenceDecoders::gns),
                "GSA", new Entry(18, SentenceDecoders::gsa),
                "GSV", new Entry(4, SentenceDecoders::gsv),
                "TXT", new Entry(5, SentenceDecoders::txt)));
    }

    /** Decodes one framed sentence. Never throws on any content. */
    public NmeaSentence decode(FramedSentence sentence) {
        Objects.requireNonNull(sentence);
        List<String> fields = Arrays.asList(sentence.body().split(",", -1));
        SentenceAddress address = SentenceAddress.parse(fields.getFirst());
        Entry entry = address.proprietary() || address.talker().isEmpty() ? null : table.get(address.type());
        if (entry == null) {
            return new NmeaSentence.Unknown(address, sentence);
        }
        if (fields.size() < entry.minimumFields()) {
            return new NmeaSentence.Malformed(address, sentence,
                    address.type() + " needs " + entry.minimumFields() + " fields, has " + fields.size());
        }
        return entry.decoder().decode(address, sentence, fields);
    }

    private static char charField(List<String> f, int i) {
        if (i >= f.size() || f.get(i).isEmpty()) {
            return '\0';
        }
        return f.get(i).charAt(0);
    }

    private static String field(List<String> f, int i) {
        return i < f.size() ? f.get(i) : "";
    }

    private static NmeaSentence rmc(SentenceAddress a, FramedSentence s, List<String> f) {
        return new NmeaSentence.Rmc(a, s, timeOfDay(f.get(1)), charField(f, 2),
                NmeaFieldParsers.ddmmyy(f.get(9)), charField(f, 12), charField(f, 13));
    }

    private static NmeaSentence zda(SentenceAddress a, FramedSentence s, List<String> f) {
        return new NmeaSentence.Zda(a, s, timeOfDay(f.get(1)), NmeaFieldParsers.zdaDate(f.get(2), f.get(3), f.get(4)));
    }

    private static NmeaSentence gga(SentenceAddress a, FramedSentence s, List<String> f) {
        return new NmeaSentence.Gga(a, s, timeOfDay(f.get(1)), intOrMinusOne(f.get(6)), intOrMinusOne(f.get(7)),
                decimalOrNaN(field(f, 8)));
    }

    private static NmeaSentence gll(SentenceAddress a, FramedSentence s, List<String> f) {
        return new NmeaSentence.Gll(a, s, timeOfDay(f.get(5)), charField(f, 6), charField(f, 7));
    }

    private static NmeaSentence gns(SentenceAddress a, FramedSentence s, List<String> f) {
        return new NmeaSentence.Gns(a, s, timeOfDay(f.get(1)), f.get(6), intOrMinusOne(f.get(7)), charField(f, 13));
    }

    private static NmeaSentence gsa(SentenceAddress a, FramedSentence s, List<String> f) {
        List<Integer> prns = new ArrayList<>();
        for (int i = 3; i <= 14; i++) {
            int prn = intOrMinusOne(f.get(i));
            if (prn >= 0) {
                prns.add(prn);
            }
        }
        return new NmeaSentence.Gsa(a, s, charField(f, 1), intOrMinusOne(f.get(2)), List.copyOf(prns),
                decimalOrNaN(f.get(15)), decimalOrNaN(f.get(16)), decimalOrNaN(f.get(17)),
                intOrMinusOne(field(f, 18)));
    }

    private static NmeaSentence gsv(SentenceAddress a, FramedSentence s, List<String> f) {
        int groupsEnd = f.size();
        int signalId = -1;
        // 4 header fields, then groups of 4; NMEA 4.1 appends one signal id field.
        if ((f.size() - 4) % 4 == 1) {
            signalId = intOrMinusOne(f.getLast());
            groupsEnd = f.size() - 1;
        }
        List<NmeaSentence.SatelliteView> sats = new ArrayList<>();
        for (int i = 4; i + 3 < groupsEnd; i += 4) {
            int prn = intOrMinusOne(f.get(i));
            if (prn >= 0) {
                sats.add(new NmeaSentence.SatelliteView(prn, intOrMinusOne(f.get(i + 1)),
                        intOrMinusOne(f.get(i + 2)), intOrMinusOne(f.get(i + 3))));
            }
        }
        return new NmeaSentence.Gsv(a, s, intOrMinusOne(f.get(1)), intOrMinusOne(f.get(2)), intOrMinusOne(f.get(3)),
                List.copyOf(sats), signalId);
    }

    private static NmeaSentence txt(SentenceAddress a, FramedSentence s, List<String> f) {
        return new NmeaSentence.Txt(a, s, intOrMinusOne(f.get(1)), intOrMinusOne(f.get(2)), intOrMinusOne(f.get(3)),
                String.join(",", f.subList(4, f.size())));
    }
}
