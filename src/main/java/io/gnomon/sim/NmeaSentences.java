package io.gnomon.sim;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes NMEA 0183 sentences a receiver would print for one cycle, with correct checksums. */
public final class NmeaSentences {
    private NmeaSentences() {}

    /** What the receiver believes this cycle. {@code second} is 60 for an inserted leap second. */
    public record Fix(LocalDate date, int hour, int minute, int second, int millis, boolean valid) {
        static Fix of(LocalDate date, LocalTime time, boolean leap, boolean valid) {
            return new Fix(date, time.getHour(), time.getMinute(), leap ? 60 : time.getSecond(), time.getNano() / 1_000_000, valid);
        }
    }

    /** "$" + body + "*" + two hex digits + CRLF. */
    public static String sentence(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return "$" + body + String.format(Locale.ROOT, "*%02X\r\n", sum);
    }

    private static String hhmmss(Fix f, int decimals) {
        String s = String.format(Locale.ROOT, "%02d%02d%02d", f.hour(), f.minute(), f.second());
        return decimals == 0 ? s : s + "." + String.format(Locale.ROOT, "%03d", f.millis()).substring(0, decimals);
    }

    private static String ddmmyy(Fix f) {
        return String.format(Locale.ROOT, "%02d%02d%02d", f.date().getDayOfMonth(), f.date().getMonthValue(), f.date().getYear() % 100);
    }

    public static String rmc(String talker, Fix f) {
        return sentence(talker + "RMC," + hhmmss(f, 3) + "," + (f.valid() ? "A" : "V")
                + (f.valid() ? ",4807.038,N,01131.000,E,0.02,31.66," : ",,,,,,,") + ddmmyy(f) + ",,,"
                + (f.valid() ? "A" : "N"));
    }

    public static String gga(String talker, Fix f) {
        return sentence(talker + "GGA," + hhmmss(f, 3)
                + (f.valid() ? ",4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,," : ",,,,,0,00,99.99,,,,,,"));
    }

    public static String zda(String talker, Fix f) {
        return sentence(talker + "ZDA," + hhmmss(f, 2) + String.format(Locale.ROOT, ",%02d,%02d,%04d,00,00",
                f.date().getDayOfMonth(), f.date().getMonthValue(), f.date().getYear()));
    }

    public static String gsa(String talker, Fix f) {
        return sentence(talker + "GSA,A," + (f.valid() ? "3,04,05,09,12,24,25,29,31,,,,,2.5,1.3,2.1" : "1,,,,,,,,,,,,,99.99,99.99,99.99"));
    }

    public static List<String> gsv(String talker) {
        List<String> out = new ArrayList<>();
        out.add(sentence(talker + "GSV,3,1,11,04,61,234,42,05,23,067,38,09,44,279,40,12,12,312,33"));
        out.add(sentence(talker + "GSV,3,2,11,24,35,109,41,25,59,058,44,29,20,165,36,31,08,024,29"));
        out.add(sentence(talker + "GSV,3,3,11,02,05,330,,10,03,201,,26,01,045,"));
        return out;
    }

    public static String vtg(String talker, Fix f) {
        return sentence(talker + "VTG," + (f.valid() ? "31.66,T,,M,0.02,N,0.04,K,A" : ",T,,M,,N,,K,N"));
    }

    public static String gll(String talker, Fix f) {
        return sentence(talker + "GLL," + (f.valid() ? "4807.038,N,01131.000,E," : ",,,,") + hhmmss(f, 3) + ","
                + (f.valid() ? "A,A" : "V,N"));
    }

    /** Text messages a receiver prints as it starts (firmware, antenna state), written for the simulation. */
    public static List<String> startupBanner(String talker) {
        return List.of(sentence(talker + "TXT,03,01,02,SIMULATED RECEIVER RESTARTED"),
                sentence(talker + "TXT,03,02,02,FIRMWARE 1.00 (SIMULATION)"),
                sentence(talker + "TXT,03,03,02,ANTENNA OK"));
    }
}
