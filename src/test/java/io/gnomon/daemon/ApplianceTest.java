package io.gnomon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gnomon.adapter.state.BundledHats;
import io.gnomon.config.ConfigParser;
import io.gnomon.config.ConfigResult;
import io.gnomon.config.GnomonConfig;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.time.UtcTime;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ApplianceTest {

    private static GnomonConfig config(String text) {
        return switch (new ConfigParser(BundledHats::find).parse("t.conf", text)) {
            case ConfigResult.Valid v -> v.config();
            case ConfigResult.Invalid i -> throw new AssertionError(i.errors().toString());
        };
    }

    @Test
    void theNmeaDelayClassBoundsTheLabellersDelayAndTheBuildDateTheReceiversDates() {
        LocalDate built = LocalDate.of(2026, 11, 25);
        LabellerConfig mtk = Appliance.labeller(config("hat adafruit-ultimate-gps\n"), built);
        assertEquals(950_000_000L, mtk.maxDelayNanos());
        LabellerConfig ublox = Appliance.labeller(config("hat adafruit-ultimate-gps\nnmea-delay-class short\n"), built);
        assertEquals(300_000_000L, ublox.maxDelayNanos());
        assertEquals(UtcTime.ofEpochSecond(built.toEpochDay() * 86_400L), ublox.earliestPlausible());
        assertEquals(LabellerConfig.defaults(ublox.earliestPlausible()).minDelayNanos(), ublox.minDelayNanos());
    }
}
