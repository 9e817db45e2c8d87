package io.gnomon.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * What a drill injects at one second, as a live appliance can carry it out: the PPS line withheld at the PPS
 * boundary, the serial bytes dropped or garbled at the serial boundary, and (simulated receiver only) a fault the
 * receiver itself shows. The same values drive the injectors around the real adapters.
 *
 * @param receiverFault what the receiver itself does wrong, or null; a real receiver cannot be made to do it
 */
public record DrillInjection(boolean ppsLost, SerialFault serial, GpsFault receiverFault) {
    public static final DrillInjection NONE = new DrillInjection(false, SerialFault.PASS, null);

    /** Only removes inputs (PPS withheld, serial silent): safe to do to a real appliance's adapters. */
    public boolean onlyRemovesInputs() {
        return receiverFault == null && (serial instanceof SerialFault.Pass || serial instanceof SerialFault.Silence);
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        if (ppsLost) {
            parts.add("PPS line lost");
        }
        if (!(serial instanceof SerialFault.Pass)) {
            parts.add(serial.describe());
        }
        if (receiverFault != null) {
            parts.add("receiver: " + switch (receiverFault) {
                case FIX_LOSS -> "no fix (status V)";
                case COLD_START_1980 -> "claims 1980-01-06 dates";
                case WEEK_ROLLOVER -> "dates 1024 weeks in the past";
                case GARBAGE -> "line noise";
                case UNPLUGGED -> "unplugged";
                case RESET_BANNER -> "restarting (start-up banners)";
                case COLD_START_NO_FIX -> "cold start, no fix";
            });
        }
        return parts.isEmpty() ? "no fault: all inputs pass" : String.join("; ", parts);
    }
}
