package io.gnomon.config;

import java.util.List;
import java.util.Optional;

/**
 * A GPS HAT (or receiver kind) as Gnomon needs to know it: which serial port and speed, where the PPS arrives,
 * how late its sentences come, and what the Raspberry Pi boot partition needs so the hardware appears.
 * Parsed from board/hats/NAME.hat, the one source of truth that gnomon-setup-pi reads too.
 *
 * @param ppsGpio           the BCM GPIO the PPS reaches (empty: no PPS on a GPIO)
 * @param bootConfig        config.txt lines, each under a conditional section ("all", "pi3", "pi4", "pi02", "pi5")
 * @param cmdlineRemove     cmdline.txt words to remove (the serial console on the receiver's UART)
 */
public record HatProfile(
        String name,
        String title,
        String serialDevice,
        int serialBaud,
        List<Integer> serialBaudAlternatives,
        Optional<Integer> ppsGpio,
        String ppsDevice,
        PpsWire ppsWire,
        NmeaDelayClass nmeaDelayClass,
        List<BootConfigLine> bootConfig,
        List<String> cmdlineRemove) {

    public HatProfile {
        serialBaudAlternatives = List.copyOf(serialBaudAlternatives);
        bootConfig = List.copyOf(bootConfig);
        cmdlineRemove = List.copyOf(cmdlineRemove);
    }

    /** How the PPS reaches the Pi. */
    public enum PpsWire {
        /** the HAT routes it to a header GPIO */
        ON_BOARD,
        /** the module has a PPS but the HAT does not route it: the user must add a wire */
        NEEDS_WIRE,
        /** no PPS at all (USB receivers) */
        NONE
    }

    /** One config.txt line under a conditional filter section such as [all] or [pi5]. */
    public record BootConfigLine(String section, String line) {
    }

    /** The PPS source Gnomon uses by default with this HAT: the kernel pps-gpio device, or none. */
    public PpsSetting defaultPps() {
        return ppsWire == PpsWire.NONE || ppsGpio.isEmpty() ? new PpsSetting.None() : new PpsSetting.Kernel(ppsDevice);
    }
}
