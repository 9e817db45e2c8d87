package io.gnomon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an effective configuration back in the file format, one directive a line, each followed by a comment
 * saying where its value came from. The output parses back to the same configuration.
 */
public final class ConfigPrinter {

    private ConfigPrinter() {
    }

    public static String print(GnomonConfig c) {
        List<String[]> rows = new ArrayList<>();
        c.hat().ifPresent(h -> rows.add(row("hat " + h, c.origin("hat"))));
        rows.add(row("reference " + c.reference().keyword(), c.origin("reference")));
        c.serialDevice().ifPresent(s -> rows.add(row("serial-device " + s, c.origin("serial-device"))));
        rows.add(row("serial-baud " + c.serialBaud(), c.origin("serial-baud")));
        rows.add(row("pps " + c.pps().directiveArguments(), c.origin("pps")));
        rows.add(row("nmea-delay-class " + c.nmeaDelayClass().keyword(), c.origin("nmea-delay-class")));
        for (ListenSetting l : c.listen()) {
            rows.add(row("listen " + l.directiveArguments(), c.origin("listen")));
        }
        rows.add(row("state-directory " + c.stateDirectory(), c.origin("state-directory")));
        rows.add(row("clock-discipline " + c.clockDiscipline().keyword(), c.origin("clock-discipline")));
        rows.add(row("http " + c.http().map(ConfigPrinter::hostPort).orElse("off"), c.origin("http")));
        rows.add(row("holdover-limit " + java.math.BigDecimal.valueOf(c.holdoverLimitSeconds()).stripTrailingZeros()
                .toPlainString(), c.origin("holdover-limit")));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.format("%-" + width + "s# %s%n", r[0], r[1]));
        }
        return sb.toString();
    }

    /** {@code 127.0.0.1:8123}, {@code [::1]:8123}. */
    public static String hostPort(ListenSetting l) {
        return (l.address().contains(":") ? "[" + l.address() + "]" : l.address()) + ":" + l.port();
    }

    private static String[] row(String directive, String origin) {
        return new String[] {directive, origin};
    }
}
