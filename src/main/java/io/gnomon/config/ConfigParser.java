package io.gnomon.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses Gnomon's configuration file: one directive a line, `directive argument...`, `#` starts a comment.
 * Pure: text in, a {@link ConfigResult} out; every rejected line is reported with file, line and reason, and no
 * input makes it throw. See board/gnomon.conf for the documented directives.
 */
public final class ConfigParser {

    /** Directive names, in the order the effective configuration is printed. */
    public static final List<String> DIRECTIVES = List.of("hat", "reference", "serial-device", "serial-baud",
            "pps", "nmea-delay-class", "listen", "state-directory", "clock-discipline", "http", "holdover-limit");

    /** Above a second an NTP server's time is no better than a wristwatch's: refuse, it is surely a typo. */
    static final double MAX_HOLDOVER_LIMIT_SECONDS = 1.0;

    private static final String KNOWN = String.join(", ", DIRECTIVES);

    private final Function<String, Optional<HatProfile>> hats;

    /** @param hats looks a HAT profile up by name (empty when there is no such HAT) */
    public ConfigParser(Function<String, Optional<HatProfile>> hats) {
        this.hats = hats;
    }

    private record Directive(String name, List<String> args, int line) {
    }

    public ConfigResult parse(String file, String text) {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, Directive> once = new LinkedHashMap<>();
        List<Directive> listens = new ArrayList<>();
        List<String> lines = WordShapes.lines(text); // a CR before LF is a blank to tokens() anyway
        for (int i = 0; i < lines.size(); i++) {
            List<String> tokens = tokens(lines.get(i));
            if (tokens.isEmpty()) {
                continue;
            }
            Directive d = new Directive(tokens.getFirst(), tokens.subList(1, tokens.size()), i + 1);
            if (!DIRECTIVES.contains(d.name())) {
                errors.add(new ConfigError(file, d.line(), unknown(d.name())));
            } else if (d.name().equals("listen")) {
                listens.add(d);
            } else {
                Directive first = once.putIfAbsent(d.name(), d);
                if (first != null) {
                    errors.add(new ConfigError(file, d.line(),
                            "\"" + d.name() + "\" given twice (first at line " + first.line() + ")"));
                }
            }
        }
        Builder b = new Builder(file, errors);
        b.read(once, listens);
        GnomonConfig config = b.build();
        // in file order; problems with the file as a whole (line 0) last
        errors.sort(java.util.Comparator.comparingInt(e -> e.line() == 0 ? Integer.MAX_VALUE : e.line()));
        return errors.isEmpty() ? new ConfigResult.Valid(config) : new ConfigResult.Invalid(errors);
    }

    private static List<String> tokens(String line) {
        return WordShapes.words(line);
    }

    private static String unknown(String name) {
        String shown = printable(name);
        String best = null;
        int bestDistance = 3;
        for (String known : DIRECTIVES) {
            int d = editDistance(name, known, bestDistance);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return "unknown directive \"" + shown + "\"" + (best != null ? " (did you mean \"" + best + "\"?)"
                : " (known: " + KNOWN + ")");
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The text with control and non-ASCII characters escaped, cut to 60 characters: safe to print anywhere. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 60; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15])
                        .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
            }
        }
        return sb.length() < 60 ? sb.toString() : sb + "...";
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once it cannot be below {@code limit}. */
    private static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit; // the distance never falls below a row's minimum
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }

    /** Turns the collected directives into values, recording errors and where each value came from. */
    private final class Builder {
        private final String file;
        private final List<ConfigError> errors;
        private final Map<String, String> origins = new HashMap<>();
        private Optional<HatProfile> hat = Optional.empty();
        private ReferenceKind reference = ReferenceKind.GPS;
        private Optional<String> serialDevice = Optional.empty();
        private Optional<Integer> serialBaud = Optional.empty();
        private Optional<PpsSetting> pps = Optional.empty();
        private Optional<NmeaDelayClass> delay = Optional.empty();
        private final List<ListenSetting> listen = new ArrayList<>();
        private final Set<ListenSetting> listenSeen = new HashSet<>();
        private final StringBuilder listenLines = new StringBuilder();
        private String stateDirectory = GnomonConfig.DEFAULT_STATE_DIRECTORY;
        private ClockDiscipline discipline = ClockDiscipline.NONE;
        private Optional<ListenSetting> http = Optional.of(GnomonConfig.DEFAULT_HTTP);
        private double holdoverLimit = GnomonConfig.DEFAULT_HOLDOVER_LIMIT_SECONDS;

        Builder(String file, List<ConfigError> errors) {
            this.file = file;
            this.errors = errors;
        }

        private void error(Directive d, String reason) {
            errors.add(new ConfigError(file, d.line(), reason));
        }

        private boolean arity(Directive d, int min, int max, String usage) {
            if (d.args().size() < min || d.args().size() > max) {
                error(d, "\"" + d.name() + "\" takes " + usage + ", got " + d.args().size() + " argument"
                        + (d.args().size() == 1 ? "" : "s"));
                return false;
            }
            return true;
        }

        private void from(Directive d) {
            origins.put(d.name(), file + ":" + d.line());
        }

        void read(Map<String, Directive> once, List<Directive> listens) {
            Directive d;
            if ((d = once.get("hat")) != null && arity(d, 1, 1, "one HAT name")) {
                String name = d.args().getFirst();
                hat = HatProfileParser.isName(name) ? hats.apply(name) : Optional.empty();
                if (hat.isEmpty()) {
                    error(d, "unknown HAT \"" + printable(name) + "\" (see /usr/share/gnomon/board/*.hat)");
                } else {
                    from(d);
                }
            }
            if ((d = once.get("reference")) != null && arity(d, 1, 1, "gps or simulated")) {
                switch (d.args().getFirst()) {
                    case "gps" -> reference = ReferenceKind.GPS;
                    case "simulated" -> reference = ReferenceKind.SIMULATED;
                    default -> error(d, "reference must be gps or simulated, not \"" + printable(d.args().getFirst()) + "\"");
                }
                from(d);
            }
            if ((d = once.get("serial-device")) != null && arity(d, 1, 1, "one device path")) {
                if (ConfigValues.isDevicePath(d.args().getFirst())) {
                    serialDevice = Optional.of(d.args().getFirst());
                    from(d);
                } else {
                    error(d, "serial-device " + ConfigValues.DEVICE_REASON);
                }
            }
            if ((d = once.get("serial-baud")) != null && arity(d, 1, 1, "one baud rate")) {
                serialBaud = ConfigValues.baud(d.args().getFirst());
                if (serialBaud.isEmpty()) {
                    error(d, ConfigValues.BAUD_REASON);
                } else {
                    from(d);
                }
            }
            if ((d = once.get("pps")) != null) {
                readPps(d);
            }
            if ((d = once.get("nmea-delay-class")) != null && arity(d, 1, 1, "short, medium or long")) {
                delay = ConfigValues.delayClass(d.args().getFirst());
                if (delay.isEmpty()) {
                    error(d, "nmea-delay-class " + ConfigValues.DELAY_REASON);
                } else {
                    from(d);
                }
            }
            for (Directive l : listens) {
                readListen(l);
            }
            if ((d = once.get("state-directory")) != null && arity(d, 1, 1, "one absolute path")) {
                if (ConfigValues.isAbsolutePath(d.args().getFirst())) {
                    stateDirectory = d.args().getFirst();
                    from(d);
                } else {
                    error(d, "state-directory " + ConfigValues.PATH_REASON);
                }
            }
            if ((d = once.get("clock-discipline")) != null && arity(d, 1, 1, "none or kernel")) {
                switch (d.args().getFirst()) {
                    case "none" -> discipline = ClockDiscipline.NONE;
                    case "kernel" -> discipline = ClockDiscipline.KERNEL;
                    default -> error(d, "clock-discipline must be none or kernel");
                }
                from(d);
            }
            if ((d = once.get("http")) != null && arity(d, 1, 1, "ADDRESS:PORT or off")) {
                readHttp(d);
            }
            if ((d = once.get("holdover-limit")) != null && arity(d, 1, 1, "one number of seconds")) {
                String v = d.args().getFirst();
                double seconds = WordShapes.isDecimal(v) ? Double.parseDouble(v) : Double.NaN;
                if (!(seconds > 0 && seconds <= MAX_HOLDOVER_LIMIT_SECONDS)) {
                    error(d, "holdover-limit must be a number of seconds above 0 and at most 1 (e.g. 0.01), not \""
                            + printable(v) + "\"");
                } else {
                    holdoverLimit = seconds;
                    from(d);
                }
            }
        }

        /** {@code http off}, {@code http 127.0.0.1:8123} or {@code http [::1]:8123}. */
        private void readHttp(Directive d) {
            String v = d.args().getFirst();
            if (v.equals("off")) {
                http = Optional.empty();
                from(d);
                return;
            }
            String address;
            String port;
            int colon = v.lastIndexOf(':');
            if (v.startsWith("[") && colon > 0 && v.charAt(colon - 1) == ']') {
                address = v.substring(1, colon - 1);
            } else if (colon > 0 && v.indexOf(':') == colon) {
                address = v.substring(0, colon);
            } else {
                error(d, "http must be off or ADDRESS:PORT (e.g. 127.0.0.1:8123, [::1]:8123), not \"" + printable(v) + "\"");
                return;
            }
            port = v.substring(colon + 1);
            boolean v4 = WordShapes.isIpv4(address);
            boolean v6 = !v4 && v.startsWith("[") && WordShapes.hasIpv6Characters(address) && validIpv6(address);
            if (!v4 && !v6) {
                error(d, "http address must be a numeric IPv4 address or a bracketed IPv6 address, not \""
                        + printable(address) + "\"");
                return;
            }
            Optional<Integer> p = ConfigValues.smallInt(port).filter(n -> n <= 65535);
            if (p.isEmpty()) {
                error(d, "http port must be 0..65535, not \"" + printable(port) + "\"");
                return;
            }
            http = Optional.of(new ListenSetting(address, p.get()));
            from(d);
        }

        private void readPps(Directive d) {
            if (d.args().isEmpty()) {
                error(d, "\"pps\" takes kernel DEVICE, gpio CHIP LINE, or none");
                return;
            }
            String kind = d.args().getFirst();
            switch (kind) {
                case "kernel" -> {
                    if (arity(d, 2, 2, "kernel DEVICE (e.g. pps kernel /dev/pps0)")) {
                        if (ConfigValues.isPpsDevicePath(d.args().get(1))) {
                            pps = Optional.of(new PpsSetting.Kernel(d.args().get(1)));
                        } else {
                            error(d, "pps kernel device " + ConfigValues.PPS_DEVICE_REASON);
                        }
                    }
                }
                case "gpio" -> {
                    if (arity(d, 3, 3, "gpio CHIP LINE (e.g. pps gpio gpiochip0 18)")) {
                        Optional<Integer> line = ConfigValues.gpio(d.args().get(2));
                        if (!WordShapes.isGpioChip(d.args().get(1))) {
                            error(d, "pps gpio chip must be gpiochipN, not \"" + printable(d.args().get(1)) + "\"");
                        } else if (line.isEmpty()) {
                            error(d, "pps gpio line: " + ConfigValues.GPIO_REASON);
                        } else {
                            pps = Optional.of(new PpsSetting.Gpio(d.args().get(1), line.get()));
                        }
                    }
                }
                case "none" -> {
                    if (arity(d, 1, 1, "no argument after none")) {
                        pps = Optional.of(new PpsSetting.None());
                    }
                }
                default -> error(d, "pps must be kernel DEVICE, gpio CHIP LINE, or none, not \"" + printable(kind) + "\"");
            }
            if (pps.isPresent()) {
                from(d);
            }
        }

        private void readListen(Directive d) {
            if (!arity(d, 1, 2, "ADDRESS [PORT]")) {
                return;
            }
            String address = d.args().getFirst();
            boolean v4 = WordShapes.isIpv4(address);
            boolean v6 = !v4 && WordShapes.hasIpv6Characters(address) && address.contains(":") && validIpv6(address);
            if (!v4 && !v6) {
                String hint = WordShapes.isAddressColonPort(address)
                        ? " (the port is a second word: listen "
                                + printable(address.substring(0, address.lastIndexOf(':')).replace("[", "").replace("]", ""))
                                + " " + printable(address.substring(address.lastIndexOf(':') + 1)) + ")"
                        : "";
                error(d, "listen address must be a numeric IPv4 or IPv6 address, not \"" + printable(address) + "\"" + hint);
                return;
            }
            int port = 123;
            if (d.args().size() == 2) {
                Optional<Integer> p = ConfigValues.smallInt(d.args().get(1)).filter(n -> n <= 65535);
                if (p.isEmpty()) {
                    error(d, "listen port must be 0..65535");
                    return;
                }
                port = p.get();
            }
            ListenSetting a = new ListenSetting(address, port);
            if (!listenSeen.add(a)) {
                error(d, "listen " + a.directiveArguments() + " given twice");
                return;
            }
            listen.add(a);
            listenLines.append(listenLines.isEmpty() ? file + ":" : ",").append(d.line()); // origin, set in build()
        }

        GnomonConfig build() {
            Optional<String> hatName = hat.map(HatProfile::name);
            String hatOrigin = hat.map(h -> "hat " + h.name()).orElse("default");
            if (serialDevice.isEmpty() && hat.isPresent()) {
                serialDevice = Optional.of(hat.get().serialDevice());
                origins.put("serial-device", hatOrigin);
            }
            if (serialBaud.isEmpty()) {
                serialBaud = Optional.of(hat.map(HatProfile::serialBaud).orElse(9600));
                origins.put("serial-baud", hatOrigin);
            }
            if (pps.isEmpty() && hat.isPresent()) {
                pps = Optional.of(hat.get().defaultPps());
                origins.put("pps", hatOrigin);
            }
            if (delay.isEmpty()) {
                delay = Optional.of(hat.map(HatProfile::nmeaDelayClass).orElse(NmeaDelayClass.LONG));
                origins.put("nmea-delay-class", hatOrigin);
            }
            if (reference == ReferenceKind.GPS) {
                if (serialDevice.isEmpty()) {
                    errors.add(new ConfigError(file, 0,
                            "reference gps needs a serial-device directive or a hat directive"));
                }
                if (pps.isEmpty()) {
                    errors.add(new ConfigError(file, 0, "reference gps without a hat needs a pps directive "
                            + "(pps kernel /dev/pps0, pps gpio gpiochip0 18, or pps none)"));
                }
            }
            if (!listenLines.isEmpty()) {
                origins.put("listen", listenLines.toString());
            }
            if (listen.isEmpty()) {
                listen.add(GnomonConfig.DEFAULT_LISTEN);
            }
            return new GnomonConfig(hatName, reference, serialDevice, serialBaud.get(),
                    pps.orElse(new PpsSetting.None()), delay.get(), listen, stateDirectory, discipline, http, holdoverLimit, origins);
        }
    }

    private static boolean validIpv6(String address) {
        try {
            return java.net.InetAddress.ofLiteral(address) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
