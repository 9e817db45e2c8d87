package io.gnomon.discipline;

import io.gnomon.time.UtcTime;
import java.util.Locale;
import java.util.Optional;

/**
 * What survives a restart: the host clock's frequency error, and when it was measured. Serialised as one line
 * of text, e.g. {@code gnomon-frequency 1 30.012345 ppm 2026-03-01T00:00:00Z}.
 */
public record FrequencyState(double frequency, UtcTime measuredAt) {
    private static final String MAGIC = "gnomon-frequency 1";

    public String serialise() {
        return String.format(Locale.ROOT, "%s %.6f ppm %s%n", MAGIC, frequency * 1e6, measuredAt);
    }

    /** The value in {@code text}, or empty when it is not a state file we wrote or is implausible. */
    public static Optional<FrequencyState> parse(String text) {
        String[] f = text.strip().split("\\s+");
        if (f.length != 5 || !(f[0] + " " + f[1]).equals(MAGIC) || !f[3].equals("ppm")) {
            return Optional.empty();
        }
        try {
            double ppm = Double.parseDouble(f[2]);
            if (!Double.isFinite(ppm) || Math.abs(ppm) > 500) {
                return Optional.empty();
            }
            return Optional.of(new FrequencyState(ppm * 1e-6, UtcTime.of(java.time.Instant.parse(f[4]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
