package io.gnomon.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: every setting has a value (defaults and the HAT profile filled in), and
 * {@code origins} says where each directive's value came from ("default", "hat NAME", or "FILE:LINE").
 *
 * @param serialDevice empty only with the simulated reference and no serial-device directive or HAT
 */
public record GnomonConfig(
        Optional<String> hat,
        ReferenceKind reference,
        Optional<String> serialDevice,
        int serialBaud,
        PpsSetting pps,
        NmeaDelayClass nmeaDelayClass,
        List<ListenSetting> listen,
        String stateDirectory,
        ClockDiscipline clockDiscipline,
        Map<String, String> origins) {

    public static final String DEFAULT_STATE_DIRECTORY = "/var/lib/gnomon";
    public static final ListenSetting DEFAULT_LISTEN = new ListenSetting("0.0.0.0", 123);

    public GnomonConfig {
        listen = List.copyOf(listen);
        origins = Map.copyOf(origins);
    }

    public String origin(String directive) {
        return origins.getOrDefault(directive, "default");
    }
}
