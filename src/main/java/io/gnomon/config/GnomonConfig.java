package io.gnomon.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: every setting has a value (defaults and the HAT profile filled in), and
 * {@code origins} says where each directive's value came from ("default", "hat NAME", or "FILE:LINE").
 *
 * @param serialDevice         empty only with the simulated reference and no serial-device directive or HAT
 * @param http                 where the HTTP status surface listens (status.json, /metrics, dashboard); empty: off
 * @param holdoverLimitSeconds the error bound past which holdover stops vouching for the time (leap indicator 3)
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
        Optional<ListenSetting> http,
        double holdoverLimitSeconds,
        Map<String, String> origins) {

    public static final String DEFAULT_STATE_DIRECTORY = "/var/lib/gnomon";
    public static final ListenSetting DEFAULT_LISTEN = new ListenSetting("0.0.0.0", 123);
    /** Loopback only unless configured: the status surface has no authentication. */
    public static final ListenSetting DEFAULT_HTTP = new ListenSetting("127.0.0.1", 8123);
    public static final double DEFAULT_HOLDOVER_LIMIT_SECONDS = 10e-3;

    public GnomonConfig {
        listen = List.copyOf(listen);
        origins = Map.copyOf(origins);
    }

    public String origin(String directive) {
        return origins.getOrDefault(directive, "default");
    }
}
