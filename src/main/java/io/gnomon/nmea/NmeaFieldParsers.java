package io.gnomon.nmea;

/** Parsers for the NMEA field formats that matter for time. Bad input becomes {@link FieldValue.Invalid}. */
public final class NmeaFieldParsers {

    private NmeaFieldParsers() {
    }

    /** hhmmss or hhmmss.f..., up to 9 fraction digits. */
    public static FieldValue<NmeaTimeOfDay> timeOfDay(String raw) {
        if (raw.isEmpty()) {
            return FieldValue.empty();
        }
        if (raw.length() < 6 || !digits(raw, 0, 6)) {
            return FieldValue.invalid(raw, "time is not hhmmss[.fff]");
        }
        int nanos = 0;
        if (raw.length() > 6) {
            if (raw.charAt(6) != '.' || raw.length() == 7 || raw.length() > 16 || !digits(raw, 7, raw.length())) {
                return FieldValue.invalid(raw, "time fraction is not .digits");
            }
            String frac = (raw.substring(7) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(frac);
        }
        int h = Integer.parseInt(raw.substring(0, 2));
        int m = Integer.parseInt(raw.substring(2, 4));
        int s = Integer.parseInt(raw.substring(4, 6));
        if (h > 23) {
            return FieldValue.invalid(raw, "hour " + h + " out of range");
        }
        if (m > 59) {
            return FieldValue.invalid(raw, "minute " + m + " out of range");
        }
        if (s > 60) {
            return FieldValue.invalid(raw, "second " + s + " out of range");
        }
        if (s == 60 && (h != 23 || m != 59)) {
            return FieldValue.invalid(raw, "second 60 is only possible at 23:59 UTC");
        }
        return new FieldValue.Present<>(new NmeaTimeOfDay(h, m, s, nanos, raw.length() > 6 ? raw.length() - 7 : 0));
    }

    /** RMC's ddmmyy. */
    public static FieldValue<NmeaDate> ddmmyy(String raw) {
        if (raw.isEmpty()) {
            return FieldValue.empty();
        }
        if (raw.length() != 6 || !digits(raw, 0, 6)) {
            return FieldValue.invalid(raw, "date is not ddmmyy");
        }
        int d = Integer.parseInt(raw.substring(0, 2));
        int mo = Integer.parseInt(raw.substring(2, 4));
        int y = Integer.parseInt(raw.substring(4, 6));
        String bad = checkDayMonth(d, mo, y % 4 == 0);
        return bad == null ? new FieldValue.Present<>(new NmeaDate(y, mo, d, 2)) : FieldValue.invalid(raw, bad);
    }

    /** ZDA's separate day, month and four-digit year fields. */
    public static FieldValue<NmeaDate> zdaDate(String day, String month, String year) {
        String raw = day + "," + month + "," + year;
        if (day.isEmpty() && month.isEmpty() && year.isEmpty()) {
            return FieldValue.empty();
        }
        if (day.isEmpty() || month.isEmpty() || year.isEmpty()) {
            return FieldValue.invalid(raw, "date is incomplete");
        }
        if (!digits(day, 0, day.length()) || !digits(month, 0, month.length()) || day.length() > 2 || month.length() > 2) {
            return FieldValue.invalid(raw, "day or month is not a number");
        }
        if (year.length() != 4 || !digits(year, 0, 4)) {
            return FieldValue.invalid(raw, "ZDA year must have four digits");
        }
        int d = Integer.parseInt(day);
        int mo = Integer.parseInt(month);
        int y = Integer.parseInt(year);
        boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        String bad = checkDayMonth(d, mo, leap);
        return bad == null ? new FieldValue.Present<>(new NmeaDate(y, mo, d, 4)) : FieldValue.invalid(raw, bad);
    }

    private static String checkDayMonth(int d, int mo, boolean leapYear) {
        if (mo < 1 || mo > 12) {
            return "month " + mo + " out of range";
        }
        int[] lengths = {31, leapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (d < 1 || d > lengths[mo - 1]) {
            return "day " + d + " out of range for month " + mo;
        }
        return null;
    }

    /** An integer field; empty or malformed gives -1 (for counts and qualities, where -1 means unknown). */
    public static int intOrMinusOne(String raw) {
        if (raw.isEmpty() || raw.length() > 9 || !digits(raw, 0, raw.length())) {
            return -1;
        }
        return Integer.parseInt(raw);
    }

    /** A decimal field; empty or malformed gives NaN. */
    public static double decimalOrNaN(String raw) {
        if (raw.isEmpty() || raw.length() > 30) {
            return Double.NaN;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+') {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
