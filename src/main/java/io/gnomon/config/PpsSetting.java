package io.gnomon.config;

/** Where the pulse per second comes from. */
public sealed interface PpsSetting {

    /** The kernel pps-gpio driver's device (RFC 2783 API), e.g. /dev/pps0: kernel-timestamped edges. */
    record Kernel(String device) implements PpsSetting {
    }

    /** A GPIO line read through Pi4J's gpiod provider, e.g. chip "gpiochip0", line 18. */
    record Gpio(String chip, int line) implements PpsSetting {
    }

    /** No PPS: NMEA alone cannot vouch for stratum-1 accuracy. */
    record None() implements PpsSetting {
    }

    /** The directive's arguments, as written in a configuration file. */
    default String directiveArguments() {
        return switch (this) {
            case Kernel k -> "kernel " + k.device();
            case Gpio g -> "gpio " + g.chip() + " " + g.line();
            case None n -> "none";
        };
    }
}
