package io.gnomon.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * How a receiver model talks: which sentences in which order, at what baud rate, how long after the PPS edge
 * its second's first byte leaves, and whether it sends a second's sentences after that second's edge (most) or
 * before it.
 */
public record ReceiverModel(String name, String talker, List<String> order, int baud, long delayNanos,
                            long delayJitterNanos, boolean sendsBeforeEdge) {

    /** Adafruit Ultimate GPS (MTK3339): 9600 baud, about 500 ms after the edge. */
    public static ReceiverModel mtk3339() {
        return new ReceiverModel("MTK3339", "GP", List.of("GGA", "GSA", "GSV", "RMC", "VTG"), 9600, 500_000_000L, 5_000_000L, false);
    }

    /** u-blox NEO-6/7/M8 defaults: 9600 baud, about 100 ms after the edge. */
    public static ReceiverModel ublox() {
        return new ReceiverModel("u-blox", "GP", List.of("RMC", "VTG", "GGA", "GSA", "GSV", "GLL", "ZDA"), 9600, 100_000_000L, 2_000_000L, false);
    }

    public ReceiverModel withDelay(long nanos) {
        return new ReceiverModel(name, talker, order, baud, nanos, delayJitterNanos, sendsBeforeEdge);
    }

    /** A receiver that sends second N's sentences {@code leadNanos} before N's edge. */
    public ReceiverModel sendingBeforeEdge(long leadNanos) {
        return new ReceiverModel(name + " (early)", talker, order, baud, 1_000_000_000L - leadNanos, delayJitterNanos, true);
    }

    /** The cycle's sentences in this model's order. */
    public List<String> sentences(NmeaSentences.Fix fix) {
        List<String> out = new ArrayList<>();
        for (String type : order) {
            switch (type) {
                case "RMC" -> out.add(NmeaSentences.rmc(talker, fix));
                case "GGA" -> out.add(NmeaSentences.gga(talker, fix));
                case "ZDA" -> out.add(NmeaSentences.zda(talker, fix));
                case "GSA" -> out.add(NmeaSentences.gsa(talker, fix));
                case "GSV" -> out.addAll(NmeaSentences.gsv(talker));
                case "VTG" -> out.add(NmeaSentences.vtg(talker, fix));
                case "GLL" -> out.add(NmeaSentences.gll(talker, fix));
                default -> throw new IllegalArgumentException("unknown sentence type " + type);
            }
        }
        return out;
    }
}
