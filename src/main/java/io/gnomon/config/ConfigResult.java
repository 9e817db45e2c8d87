package io.gnomon.config;

import java.util.List;

/** The outcome of parsing a configuration: a complete configuration, or every error found (never both). */
public sealed interface ConfigResult {

    record Valid(GnomonConfig config) implements ConfigResult {
    }

    record Invalid(List<ConfigError> errors) implements ConfigResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one error");
            }
        }
    }
}
