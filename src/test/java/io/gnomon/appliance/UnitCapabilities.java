package io.gnomon.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The [Service] settings of systemd/gnomon.service, optionally with drop-ins applied the way systemd applies them
 * (systemd.exec(5)): for CapabilityBoundingSet= and AmbientCapabilities= every assignment adds to the set and an
 * empty assignment resets it; for other settings the last assignment wins (list settings keep all of them here).
 */
public record UnitCapabilities(Map<String, List<String>> service) {

    public static final Path UNIT = Path.of("systemd/gnomon.service");
    public static final Path KERNEL_DISCIPLINE = Path.of("systemd/kernel-discipline.conf");

    public static UnitCapabilities read(Path... files) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        for (Path f : files) {
            String section = "";
            for (String raw : Files.readAllLines(f)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    section = line;
                    continue;
                }
                if (!section.equals("[Service]")) {
                    continue;
                }
                int eq = line.indexOf('=');
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                List<String> values = service.computeIfAbsent(key, k -> new ArrayList<>());
                if (value.isEmpty()) {
                    values.clear();
                } else {
                    values.add(value);
                }
            }
        }
        return new UnitCapabilities(service);
    }

    /** A capability set setting as systemd computes it (additive; a leading ~ would invert it, refused here). */
    public Set<String> capabilities(String key) {
        Set<String> caps = new TreeSet<>();
        for (String v : service.getOrDefault(key, List.of())) {
            if (v.startsWith("~")) {
                throw new AssertionError(key + " uses an inverted (~) list, which grants everything not named: " + v);
            }
            caps.addAll(List.of(v.split("\\s+")));
        }
        return caps;
    }

    /** The last assignment of a setting, or null. */
    String last(String key) {
        List<String> v = service.get(key);
        return v == null || v.isEmpty() ? null : v.getLast();
    }

    List<String> all(String key) {
        return service.getOrDefault(key, List.of());
    }
}
