package io.gnomon.leap;

import io.gnomon.ntp.LeapIndicator;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The leap seconds, as published in the IETF/NIST/IERS {@code leap-seconds.list}: from which UTC instant each
 * TAI−UTC offset applies, when the list was updated and when it expires. Converts between POSIX-counted UTC and
 * the continuous {@link TaiTime}. Immutable; {@link #parse} checks the file's SHA-1 line.
 */
public final class LeapSecondTable {

    /** From {@code utcSecond} (POSIX seconds) on, TAI − UTC = {@code taiMinusUtc} seconds. */
    public record Entry(long utcSecond, int taiMinusUtc) {
    }

    /** Parsing result: a table, or why the file cannot be used. */
    public sealed interface Parsed {
        record Table(LeapSecondTable table) implements Parsed {
        }

        record Rejected(String reason) implements Parsed {
        }
    }

    static final long NTP_TO_UNIX = 2_208_988_800L;
    private static final long NS = 1_000_000_000L;

    private final List<Entry> entries;
    private final Optional<UtcTime> updated;
    private final Optional<UtcTime> expires;

    public LeapSecondTable(List<Entry> entries, Optional<UtcTime> updated, Optional<UtcTime> expires) {
        this.entries = List.copyOf(entries);
        this.updated = updated;
        this.expires = expires;
        for (int i = 1; i < this.entries.size(); i++) {
            if (this.entries.get(i).utcSecond() <= this.entries.get(i - 1).utcSecond()) {
                throw new IllegalArgumentException("leap second entries out of order at " + this.entries.get(i));
            }
        }
    }

    /** A table that knows no leap seconds at all (TAI − UTC taken as 0); labels across a leap will be refused. */
    public static LeapSecondTable empty() {
        return new LeapSecondTable(List.of(), Optional.empty(), Optional.empty());
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<UtcTime> updated() {
        return updated;
    }

    public Optional<UtcTime> expires() {
        return expires;
    }

    public boolean isExpiredAt(UtcTime now) {
        return expires.isPresent() && now.compareTo(expires.get()) >= 0;
    }

    /** Parses the text of a leap-seconds.list file; the #h hash line must match when present. */
    public static Parsed parse(String text) {
        List<Entry> entries = new ArrayList<>();
        StringBuilder hashed = new StringBuilder();
        Long updatedNtp = null;
        Long expiresNtp = null;
        String hashLine = null;
        int lineNo = 0;
        for (String raw : lines(text)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#$")) {
                    updatedNtp = ntpSeconds(line.substring(2).strip());
                    hashed.append(withoutSpaces(line.substring(2)));
                } else if (line.startsWith("#@")) {
                    expiresNtp = ntpSeconds(line.substring(2).strip());
                    hashed.append(withoutSpaces(line.substring(2)));
                } else if (line.startsWith("#h")) {
                    hashLine = line.substring(2).strip();
                } else if (!line.startsWith("#")) {
                    String data = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
                    List<String> f = words(data.strip());
                    if (f.size() < 2) {
                        return new Parsed.Rejected("line " + lineNo + ": expected '<NTP seconds> <TAI-UTC>'");
                    }
                    entries.add(new Entry(ntpSeconds(f.get(0)) - NTP_TO_UNIX, Integer.parseInt(f.get(1))));
                    hashed.append(withoutSpaces(data));
                }
            } catch (NumberFormatException e) {
                return new Parsed.Rejected("line " + lineNo + ": not a number, or out of range: " + line);
            }
        }
        if (entries.isEmpty()) {
            return new Parsed.Rejected("no leap second entries");
        }
        if (hashLine != null) {
            String expected = normaliseHash(hashLine);
            String actual = sha1(hashed.toString());
            if (expected == null) {
                return new Parsed.Rejected("hash line is not five hexadecimal words: " + hashLine);
            }
            if (!expected.equals(actual)) {
                return new Parsed.Rejected("hash mismatch: file says " + expected + ", contents give " + actual);
            }
        }
        try {
            return new Parsed.Table(new LeapSecondTable(entries,
                    Optional.ofNullable(updatedNtp).map(s -> UtcTime.ofEpochSecond(s - NTP_TO_UNIX)),
                    Optional.ofNullable(expiresNtp).map(s -> UtcTime.ofEpochSecond(s - NTP_TO_UNIX))));
        } catch (IllegalArgumentException e) {
            return new Parsed.Rejected(e.getMessage());
        }
    }

    /**
     * Latest NTP second we accept in the file: 2^33 s after 1900 (year 2172), far past any real entry and safely
     * inside the nanosecond range of {@link UtcTime}/{@link TaiTime} (year 2262), so conversions cannot overflow.
     */
    private static final long MAX_NTP_SECONDS = 1L << 33;

    /** An NTP-era second count; anything negative or absurdly far away is not a number we can use. */
    private static long ntpSeconds(String text) {
        long value = Long.parseLong(text);
        if (value < 0 || value > MAX_NTP_SECONDS) {
            throw new NumberFormatException("out of range: " + text);
        }
        return value;
    }

    /** The published hash drops leading zeros of each 32-bit word; pad them back. */
    private static String normaliseHash(String hashLine) {
        List<String> words = words(hashLine);
        if (words.size() != 5) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!isHexWord(w)) {
                return null;
            }
            sb.append("0".repeat(8 - w.length())).append(w.toLowerCase());
        }
        return sb.toString();
    }

    // Hand-written instead of String.split/replaceAll/matches: the same results without compiling a regular
    // expression per line (which also made the fuzz target ~10x slower under Jazzer's regex hooks).

    /** Lines as {@code text.split("\r?\n")} gives them: one CR before each LF dropped, trailing empty lines too. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (true) {
            int lf = text.indexOf('\n', from);
            int end = lf < 0 ? text.length() : lf;
            int cut = lf >= 0 && end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(from, cut));
            if (lf < 0) {
                break;
            }
            from = lf + 1;
        }
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isEmpty()) {
            n--;
        }
        return n == 0 && !text.isEmpty() ? List.of() : n == 0 ? List.of("") : lines.subList(0, n);
    }

    /** The characters of regex {@code \s}: space, tab, LF, vertical tab, form feed, CR. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code s.replaceAll("\\s", "")}. */
    private static String withoutSpaces(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isRegexSpace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * {@code s.split("\\s+")} for an {@code s} without leading or trailing {@code \s} (it is stripped): the
     * runs between separators; {@code [""]} for the empty string.
     */
    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            while (i < s.length() && !isRegexSpace(s.charAt(i))) {
                i++;
            }
            words.add(s.substring(start, i));
            while (i < s.length() && isRegexSpace(s.charAt(i))) {
                i++;
            }
            if (i == s.length()) {
                break;
            }
        }
        return words;
    }

    /** {@code w.matches("[0-9a-fA-F]{1,8}")}. */
    private static boolean isHexWord(String w) {
        if (w.isEmpty() || w.length() > 8) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (Character.digit(w.charAt(i), 16) < 0 || w.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** TAI − UTC in seconds at POSIX second {@code utcSecond}. */
    public int taiMinusUtcAt(long utcSecond) {
        int offset = entries.isEmpty() ? 0 : entries.getFirst().taiMinusUtc();
        for (Entry e : entries) {
            if (e.utcSecond() <= utcSecond) {
                offset = e.taiMinusUtc();
            } else {
                break;
            }
        }
        return offset;
    }

    /** The continuous time of a labelled UTC second; {@code leapSecond}: the label was 23:59:60 (POSIX 23:59:59). */
    public TaiTime toTai(UtcTime utc, boolean leapSecond) {
        long sec = utc.epochSecond();
        long tai = utc.epochNanos() + taiMinusUtcAt(sec) * NS;
        return new TaiTime(leapSecond ? tai + NS : tai);
    }

    /** Whether the table inserts a second right after POSIX second {@code utcSecond} (i.e. it is 23:59:59 before a leap). */
    public boolean insertsAfter(long utcSecond) {
        return taiMinusUtcAt(utcSecond + 1) > taiMinusUtcAt(utcSecond);
    }

    /** UTC, POSIX-counted, of a continuous time: during an inserted second this repeats 23:59:59. */
    public UtcTime toUtc(TaiTime tai) {
        return new UtcTime(toUtcNanos(tai.nanos()));
    }

    /** As {@link #toUtc}, in plain nanoseconds (TAI in, UTC out), for the allocation-free packet path. */
    public long toUtcNanos(long taiNanos) {
        int offset = entries.isEmpty() ? 0 : entries.getFirst().taiMinusUtc();
        for (int i = 0, n = entries.size(); i < n; i++) { // indexed: no iterator per datagram
            Entry e = entries.get(i);
            long startTai = (e.utcSecond() + e.taiMinusUtc()) * NS;
            if (startTai <= taiNanos) {
                offset = e.taiMinusUtc();
            } else {
                // inside the inserted second just before this entry?
                if (e.taiMinusUtc() > offset && taiNanos >= startTai - NS) {
                    return taiNanos - (offset + 1L) * NS;
                }
                break;
            }
        }
        return taiNanos - offset * NS;
    }

    /** The leap indicator for the UTC day containing {@code now}: a leap second at its end is announced all day. */
    public LeapIndicator indicatorFor(UtcTime now) {
        long day = Math.floorDiv(now.epochSecond(), 86_400L);
        long lastSecond = (day + 1) * 86_400L - 1;
        int before = taiMinusUtcAt(lastSecond);
        int after = taiMinusUtcAt(lastSecond + 1);
        if (after > before) {
            return LeapIndicator.INSERT_SECOND;
        }
        if (after < before) {
            return LeapIndicator.DELETE_SECOND;
        }
        return LeapIndicator.NO_WARNING;
    }
}
