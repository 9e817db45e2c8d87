package io.gnomon.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The serial rates Gnomon accepts for a receiver, one list: the configuration and board profiles accept exactly
 * these, and the serial adapter's automatic search tries exactly these.
 */
public final class BaudRates {
    /**
     * In the order worth trying: the common 9600, the NMEA standard 4800, then the rates receivers are commonly
     * set to for more sentences per second, the highest last.
     */
    public static final List<Integer> SEARCH_ORDER = List.of(9600, 4800, 38400, 115200, 57600, 19200, 230400, 460800);

    private BaudRates() {
    }

    public static boolean supported(int baud) {
        return SEARCH_ORDER.contains(baud);
    }

    /** "4800, 9600, …", ascending, for messages. */
    public static String listed() {
        return SEARCH_ORDER.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
