package io.gnomon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses a board profile (`key=value` lines, `#` comments) into a {@link HatProfile}, or says which lines are wrong. */
public final class HatProfileParser {

    private static final Set<String> SECTIONS = Set.of("all", "pi3", "pi4", "pi02", "pi5");
    private static final Set<String> SINGLE_KEYS = Set.of("name", "title", "serial-device", "serial-baud",
            "pps-gpio", "pps-device", "pps-wire", "nmea-delay-class");
    private static final Set<String> LIST_KEYS = Set.of("serial-baud-alternative", "cmdline-remove");

    public sealed interface Result {
        record Valid(HatProfile profile) implements Result {
        }

        record Invalid(List<ConfigError> errors) implements Result {
        }
    }

    private HatProfileParser() {
    }

    /** Names are file names too: a lower-case letter or digit, then up to 62 lower-case letters, digits and dashes. */
    public static boolean isName(String name) {
        return WordShapes.isProfileName(name);
    }

    public static Result parse(String source, String text) {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, String> single = new LinkedHashMap<>();
        List<Integer> alternatives = new ArrayList<>();
        List<HatProfile.BootConfigLine> boot = new ArrayList<>();
        List<String> cmdlineRemove = new ArrayList<>();
        List<String> lines = WordShapes.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.add(new ConfigError(source, lineNo, "expected key=value"));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.isEmpty()) {
                errors.add(new ConfigError(source, lineNo, "\"" + ConfigParser.printable(key) + "\" has no value"));
            } else if (key.startsWith("boot-config.")) {
                String section = key.substring("boot-config.".length());
                if (!SECTIONS.contains(section)) {
                    errors.add(new ConfigError(source, lineNo, "unknown config.txt section [" + ConfigParser.printable(section)
                            + "] (known: " + String.join(", ", SECTIONS.stream().sorted().toList()) + ")"));
                } else {
                    boot.add(new HatProfile.BootConfigLine(section, value));
                }
            } else if (key.equals("serial-baud-alternative")) {
                Optional<Integer> baud = ConfigValues.baud(value);
                if (baud.isEmpty()) {
                    errors.add(new ConfigError(source, lineNo, ConfigValues.BAUD_REASON));
                } else {
                    alternatives.add(baud.get());
                }
            } else if (key.equals("cmdline-remove")) {
                cmdlineRemove.add(value);
            } else if (SINGLE_KEYS.contains(key)) {
                if (single.putIfAbsent(key, value) != null) {
                    errors.add(new ConfigError(source, lineNo, "\"" + ConfigParser.printable(key) + "\" given twice"));
                }
            } else {
                errors.add(new ConfigError(source, lineNo, "unknown key \"" + ConfigParser.printable(key) + "\""));
            }
        }
        for (String required : List.of("name", "title", "serial-device", "serial-baud", "pps-wire", "nmea-delay-class")) {
            if (!single.containsKey(required)) {
                errors.add(new ConfigError(source, 0, "missing \"" + required + "\""));
            }
        }
        if (!errors.isEmpty()) {
            return new Result.Invalid(errors);
        }
        return build(source, single, alternatives, boot, cmdlineRemove);
    }

    private static Result build(String source, Map<String, String> v, List<Integer> alternatives,
                                List<HatProfile.BootConfigLine> boot, List<String> cmdlineRemove) {
        List<ConfigError> errors = new ArrayList<>();
        String name = v.get("name");
        if (!isName(name)) {
            errors.add(new ConfigError(source, 0, "name \"" + ConfigParser.printable(name)
                    + "\" must be lower-case letters, digits and dashes"));
        }
        Optional<Integer> baud = ConfigValues.baud(v.get("serial-baud"));
        if (baud.isEmpty()) {
            errors.add(new ConfigError(source, 0, "serial-baud: " + ConfigValues.BAUD_REASON));
        }
        if (!ConfigValues.isDevicePath(v.get("serial-device"))) {
            errors.add(new ConfigError(source, 0, "serial-device: " + ConfigValues.DEVICE_REASON));
        }
        Optional<Integer> gpio = Optional.empty();
        if (v.containsKey("pps-gpio")) {
            gpio = ConfigValues.gpio(v.get("pps-gpio"));
            if (gpio.isEmpty()) {
                errors.add(new ConfigError(source, 0, "pps-gpio: " + ConfigValues.GPIO_REASON));
            }
        }
        String ppsDevice = v.getOrDefault("pps-device", "/dev/pps0");
        if (!ConfigValues.isDevicePath(ppsDevice)) {
            errors.add(new ConfigError(source, 0, "pps-device: " + ConfigValues.DEVICE_REASON));
        }
        HatProfile.PpsWire wire = switch (v.get("pps-wire")) {
            case "on-board" -> HatProfile.PpsWire.ON_BOARD;
            case "needs-wire" -> HatProfile.PpsWire.NEEDS_WIRE;
            case "none" -> HatProfile.PpsWire.NONE;
            default -> {
                errors.add(new ConfigError(source, 0, "pps-wire must be on-board, needs-wire or none"));
                yield HatProfile.PpsWire.NONE;
            }
        };
        if (wire != HatProfile.PpsWire.NONE && gpio.isEmpty()) {
            errors.add(new ConfigError(source, 0, "pps-wire " + v.get("pps-wire") + " needs pps-gpio"));
        }
        Optional<NmeaDelayClass> delay = ConfigValues.delayClass(v.get("nmea-delay-class"));
        if (delay.isEmpty()) {
            errors.add(new ConfigError(source, 0, "nmea-delay-class: " + ConfigValues.DELAY_REASON));
        }
        if (!errors.isEmpty()) {
            return new Result.Invalid(errors);
        }
        return new Result.Valid(new HatProfile(name, v.get("title"), v.get("serial-device"), baud.get(),
                alternatives, gpio, ppsDevice, wire, delay.get(), boot, cmdlineRemove));
    }
}
