package io.gnomon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written word checks against the regular expressions they replaced, on generated words: random strings
 * over an alphabet that can form (and nearly form) each shape, and valid words with one character changed,
 * inserted or removed.
 */
class WordShapesTest {

    private static final int WORDS = 60_000;

    @Test
    void ipv4AgreesWithItsExpression() {
        agree(Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}"),
                WordShapes::isIpv4, "0123456789..", List.of("0.0.0.0", "255.255.255.255", "192.168.1.10", "10.0.0.1"));
        assertTrue(WordShapes.isIpv4("127.0.0.1"));
        assertFalse(WordShapes.isIpv4("127.0.0.01"), "no leading zeros");
        assertFalse(WordShapes.isIpv4("256.0.0.1"));
        assertFalse(WordShapes.isIpv4("1.2.3.4."));
        assertFalse(WordShapes.isIpv4("1.2.3"));
        assertFalse(WordShapes.isIpv4("1.2.3.4.5"));
    }

    @Test
    void ipv6CharactersAgreeWithTheirExpression() {
        agree(Pattern.compile("[0-9A-Fa-f:.]{2,45}"), WordShapes::hasIpv6Characters, "0123456789abcdefABCDEFgG:.:[]%",
                List.of("::1", "fe80::1", "2001:db8::1:2:3", "::ffff:192.0.2.1"));
    }

    @Test
    void addressColonPortAgreesWithItsExpression() {
        agree(Pattern.compile("(?:[0-9.]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}"), WordShapes::isAddressColonPort,
                "0123456789.:[]afAFx", List.of("127.0.0.1:123", "[::1]:123", "[fe80::1]:65535", "1:1"));
    }

    @Test
    void gpioChipAgreesWithItsExpression() {
        agree(Pattern.compile("gpiochip[0-9]{1,3}"), WordShapes::isGpioChip, "gpiochp0123x",
                List.of("gpiochip0", "gpiochip12", "gpiochip123"));
    }

    @Test
    void decimalAgreesWithItsExpression() {
        agree(Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,12})?"), WordShapes::isDecimal, "0123456789..e-",
                List.of("0.01", "1", "123456.123456789012", "0.5"));
    }

    @Test
    void profileNameAgreesWithItsExpression() {
        agree(Pattern.compile("[a-z0-9][a-z0-9-]{0,62}"), WordShapes::isProfileName, "abz09--A_.",
                List.of("generic-usb", "waveshare-l76x", "a", "0-"));
        assertTrue(WordShapes.isProfileName("a".repeat(63)));
        assertFalse(WordShapes.isProfileName("a".repeat(64)));
    }

    @Test
    void pathsAgreeWithTheirExpressions() {
        agree(Pattern.compile("/dev/[A-Za-z0-9._/-]{1,200}"), s -> WordShapes.isPath(s, "/dev/", 1, 200),
                "/devtyAMS0._- é", List.of("/dev/ttyAMA0", "/dev/serial/by-id/usb-u-blox_GNSS-if00", "/dev/pps0"));
        agree(Pattern.compile("/[A-Za-z0-9._/-]{0,250}"), s -> WordShapes.isPath(s, "/", 0, 250),
                "/varlibgnomn._- :", List.of("/", "/var/lib/gnomon", "/etc/gnomon/gnomon.conf"));
        assertTrue(WordShapes.isPath("/dev/" + "a".repeat(200), "/dev/", 1, 200));
        assertFalse(WordShapes.isPath("/dev/" + "a".repeat(201), "/dev/", 1, 200));
        assertFalse(WordShapes.isPath("/dev/", "/dev/", 1, 200));
    }

    @Test
    void smallDigitsAgreeWithTheirExpression() {
        agree(Pattern.compile("[0-9]{1,9}"), s -> WordShapes.digits(s, 0, s.length(), 1, 9), "0123456789+-٣",
                List.of("0", "123456789", "9600"));
    }

    @Test
    void wordsSplitAsTheBlankExpressionDid() {
        Pattern blanks = Pattern.compile("[ \\t\\x0B\\f\\r]+");
        Random r = new Random(7);
        String alphabet = "ab# \t\u000B\f\r\u2003\u00a0x";
        for (int k = 0; k < WORDS; k++) {
            String line = random(r, alphabet, 14);
            List<String> expected = new ArrayList<>();
            for (String t : blanks.split(line.strip(), -1)) {
                if (t.startsWith("#")) {
                    break;
                }
                if (!t.isEmpty()) {
                    expected.add(t);
                }
            }
            assertEquals(expected, WordShapes.words(line), () -> "words of " + escape(line));
        }
        assertEquals(List.of("listen", "0.0.0.0", "123"), WordShapes.words("  listen\t0.0.0.0  123 # a comment"));
    }

    @Test
    void linesSplitAsTheLineExpressionDid() {
        Random r = new Random(11);
        for (int k = 0; k < WORDS; k++) {
            String text = random(r, "a\r\n\n", 12);
            assertEquals(Arrays.asList(text.split("\r?\n", -1)), WordShapes.lines(text), () -> "lines of " + escape(text));
        }
    }

    /** The check and the expression give the same answer on random words and on near-misses of valid ones. */
    private static void agree(Pattern expression, Predicate<String> check, String alphabet, List<String> valid) {
        Random r = new Random(expression.pattern().hashCode());
        int matched = 0;
        for (int k = 0; k < WORDS; k++) {
            String word = k % 2 == 0 ? random(r, alphabet, 18) : nearMiss(r, valid.get(r.nextInt(valid.size())), alphabet);
            boolean expected = expression.matcher(word).matches();
            matched += expected ? 1 : 0;
            assertEquals(expected, check.test(word), () -> expression.pattern() + " on \"" + escape(word) + "\"");
        }
        for (String v : valid) {
            assertTrue(check.test(v), v);
        }
        assertTrue(matched > WORDS / 100, "the generated words include matching ones: " + matched);
    }

    private static String random(Random r, String alphabet, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String nearMiss(Random r, String valid, String alphabet) {
        StringBuilder sb = new StringBuilder(valid);
        int edits = r.nextInt(3); // 0: the valid word itself
        for (int e = 0; e < edits; e++) {
            int at = sb.isEmpty() ? 0 : r.nextInt(sb.length());
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            switch (r.nextInt(3)) {
                case 0 -> {
                    if (!sb.isEmpty()) {
                        sb.setCharAt(at, c);
                    }
                }
                case 1 -> sb.insert(at, c);
                default -> {
                    if (!sb.isEmpty()) {
                        sb.deleteCharAt(at);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
