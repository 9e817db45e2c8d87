package io.gnomon.pps;

import io.gnomon.time.RealtimeTime;

/**
 * Parser for the kernel's {@code /sys/class/pps/ppsN/assert} text: {@code <secs>.<nsec>#<seq>\n}.
 *
 * <p>Format fact (drivers/pps/sysfs.c, assert_show): {@code sprintf(buf, "%lld.%09d#%d\n", assert_tu.sec,
 * assert_tu.nsec, assert_sequence)}. The sequence is a u32 printed with {@code %d}, so past 2^31 it reads negative;
 * it is mapped back to the unsigned value here. The file is empty when the device does not capture assert edges.
 * The timestamp is the one the kernel took in the interrupt handler, CLOCK_REALTIME (pps_get_ts).
 */
public final class SysfsAssertLine {

    private SysfsAssertLine() {}

    /** The outcome of parsing one read of the file. */
    public sealed interface Result {}

    /** A well-formed line. {@code sequence} is 0 and the time 0.000000000 before the first edge. */
    public record Sample(long sequence, RealtimeTime timestamp) implements Result {
        /** True before the kernel has seen any assert edge. */
        public boolean beforeFirstEdge() {
            return sequence == 0 && timestamp.epochNanos() == 0;
        }
    }

    /** The file was empty: the device does not capture assert edges. */
    public record Empty() implements Result {}

    /** The text was not of the expected form; {@code reason} says how. */
    public record Malformed(String reason) implements Result {}

    public static Result parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return new Empty();
        }
        int dot = s.indexOf('.');
        int hash = s.indexOf('#');
        if (dot <= 0 || hash < dot + 2 || hash == s.length() - 1) {
            return new Malformed("expected <secs>.<nsec>#<seq>: " + quote(s));
        }
        String secText = s.substring(0, dot);
        String nsecText = s.substring(dot + 1, hash);
        String seqText = s.substring(hash + 1);
        if (nsecText.length() != 9 || !digits(nsecText)) {
            return new Malformed("nanoseconds not 9 digits: " + quote(s));
        }
        if (!signedDigits(secText) || !signedDigits(seqText) || secText.length() > 19 || seqText.length() > 11) {
            return new Malformed("not a number: " + quote(s));
        }
        long secs;
        long seq;
        try {
            secs = Long.parseLong(secText);
            seq = Long.parseLong(seqText);
        } catch (NumberFormatException e) {
            return new Malformed("not a number: " + quote(s));
        }
        if (seq < Integer.MIN_VALUE || seq > 0xFFFF_FFFFL) {
            return new Malformed("sequence out of u32 range: " + quote(s));
        }
        long nanos = Long.parseLong(nsecText);
        // Nanoseconds since 1970 fit a long until 2262; beyond that the kernel value is nonsense for us.
        if (secs < 0 || secs > Long.MAX_VALUE / 1_000_000_000L - 1) {
            return new Malformed("seconds out of range: " + quote(s));
        }
        return new Sample(seq & 0xFFFF_FFFFL, new RealtimeTime(secs * 1_000_000_000L + nanos));
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean signedDigits(String s) {
        return s.startsWith("-") ? digits(s.substring(1)) : digits(s);
    }

    private static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
