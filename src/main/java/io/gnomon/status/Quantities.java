package io.gnomon.status;

import java.util.Locale;

/** How status values are written for people: durations like "3h12m", seconds with SI prefixes like "−42 ns". */
public final class Quantities {
    private Quantities() {}

    /** "45s", "12m05s", "3h12m", "2d03h". */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "-" + duration(-seconds);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** Seconds with an SI prefix and three significant digits; a true minus sign; "unknown" for NaN. */
    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return "unknown";
        }
        double a = Math.abs(s);
        String sign = s < 0 ? "\u2212" : "";
        if (a == 0) {
            return "0 s";
        }
        String[] units = {"s", "ms", "\u00b5s", "ns", "ps"};
        double v = a;
        int u = 0;
        while (v < 1 && u < units.length - 1) {
            v *= 1000;
            u++;
        }
        return sign + significant(v) + " " + units[u];
    }

    /** A signed ppm value with three decimals, "unknown" for NaN. */
    public static String ppm(double p) {
        if (!Double.isFinite(p)) {
            return "unknown";
        }
        return (p < 0 ? "\u2212" : "+") + String.format(Locale.ROOT, "%.3f", Math.abs(p)) + " ppm";
    }

    private static String significant(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
