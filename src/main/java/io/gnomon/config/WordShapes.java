package io.gnomon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of the words a configuration or board-profile line may hold (an IPv4 address, a device path, a
 * decimal number...), checked character by character.
 *
 * <p>These were regular expressions. Written out they are several times faster per line, and a coverage-guided
 * fuzzer sees each decision as a branch of its own instead of one opaque {@code matches()} (docs/RELIABILITY.md,
 * "Fuzzing"). {@code WordShapesTest} checks each against the expression it replaces on generated words.
 */
final class WordShapes {

    private WordShapes() {
    }

    /** The words of a configuration line: split at blanks (space, tab, VT, FF, CR) up to a word starting with #. */
    static List<String> words(String line) {
        String s = line.strip();
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (s.charAt(start) == '#') {
                    break;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The lines of a file split at LF or CRLF (a lone CR stays in its line), as {@code split("\r?\n", -1)}. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(text.substring(start, end));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code [0-9]{min,max}} over s[from, to). */
    static boolean digits(String s, int from, int to, int min, int max) {
        int n = to - from;
        if (n < min || n > max) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A dotted quad, each part 0..255 written without a leading zero. */
    static boolean isIpv4(String s) {
        int part = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isOctet(s, start, i) || ++part > 4) {
                    return false;
                }
                start = i + 1;
            }
        }
        return part == 4;
    }

    private static boolean isOctet(String s, int from, int to) {
        if (!digits(s, from, to, 1, 3) || (to - from > 1 && s.charAt(from) == '0')) {
            return false;
        }
        return Integer.parseInt(s, from, to, 10) <= 255;
    }

    /** Only the characters an IPv6 address is written with ({@code [0-9A-Fa-f:.]}), 2 to 45 of them. */
    static boolean hasIpv6Characters(String s) {
        return s.length() >= 2 && s.length() <= 45 && ipv6Characters(s, 0, s.length());
    }

    private static boolean ipv6Characters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean hex = isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code 127.0.0.1:123} or {@code [::1]:123}: an address and a port joined by a colon, as other directives write it. */
    static boolean isAddressColonPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 1 || !digits(s, colon + 1, s.length(), 1, 5)) {
            return false;
        }
        if (s.charAt(0) == '[') {
            return colon >= 3 && s.charAt(colon - 1) == ']' && ipv6Characters(s, 1, colon - 1);
        }
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            if (!isAsciiDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code gpiochipN}, N of 1 to 3 digits. */
    static boolean isGpioChip(String s) {
        return s.startsWith("gpiochip") && digits(s, "gpiochip".length(), s.length(), 1, 3);
    }

    /** 1 to 6 digits, then optionally a point and 1 to 12 digits. */
    static boolean isDecimal(String s) {
        int point = s.indexOf('.');
        if (point < 0) {
            return digits(s, 0, s.length(), 1, 6);
        }
        return digits(s, 0, point, 1, 6) && digits(s, point + 1, s.length(), 1, 12);
    }

    /** A board profile's name: {@code [a-z0-9][a-z0-9-]{0,62}}. */
    static boolean isProfileName(String s) {
        if (s.isEmpty() || s.length() > 63 || s.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiDigit(c) && !(c >= 'a' && c <= 'z') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code prefix} followed by {@code min..max} path characters ({@code [A-Za-z0-9._/-]}). */
    static boolean isPath(String s, String prefix, int min, int max) {
        if (!s.startsWith(prefix)) {
            return false;
        }
        int n = s.length() - prefix.length();
        if (n < min || n > max) {
            return false;
        }
        for (int i = prefix.length(); i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '.' || c == '_' || c == '/' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
