package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsFault;
import io.gnomon.pps.PpsReading;
import io.gnomon.pps.PpsSource;
import io.gnomon.time.MonotonicClock;
import java.time.Duration;

/** Opens the real PPS source a {@link PpsDeviceName} names, and says how to fix one that will not work. */
public final class PpsSources {

    /** How often the sysfs fallback polls; latency only, the timestamp is the kernel's. */
    public static final Duration SYSFS_POLL = Duration.ofMillis(20);

    private PpsSources() {}

    /** The source for a parsed device name; {@link PpsDeviceName.Invalid} gives a source that reports why. */
    public static PpsSource open(PpsDeviceName name, MonotonicClock clock) {
        return switch (name) {
            case PpsDeviceName.Kernel k -> LinuxAbi.current()
                    .<PpsSource>map(abi -> new KernelPpsSource(k.node().toString(), abi, clock))
                    .orElseGet(() -> new Unusable(k.node().toString(), PpsFault.UNSUPPORTED_PLATFORM,
                            "kernel PPS ioctl layout unknown for os.arch " + System.getProperty("os.arch")));
            case PpsDeviceName.Sysfs s -> new SysfsPpsSource(s.dir(), clock, SYSFS_POLL);
            case PpsDeviceName.Gpio g -> GpioPpsSource.gpio(g.chip(), g.line(), clock);
            case PpsDeviceName.Invalid i -> new Unusable("?", PpsFault.NO_DEVICE, i.reason());
        };
    }

    /** What to check on a Raspberry Pi, for a fault on a kind of device. */
    public static String hint(PpsDeviceName name, PpsFault fault) {
        boolean gpio = name instanceof PpsDeviceName.Gpio;
        return switch (fault) {
            case NO_DEVICE -> gpio
                    ? "does the chip exist (ls /dev/gpiochip*)? the Pi header is gpiochip0 (on a Pi 5 with an older"
                            + " kernel, gpiochip4); LINE is the BCM GPIO number"
                    : "is dtoverlay=pps-gpio,gpiopin=4 in /boot/firmware/config.txt (then reboot)?"
                            + " ls /sys/class/pps lists the PPS devices the kernel has";
            case PERMISSION_DENIED -> gpio
                    ? "is the user in group gpio (sudo usermod -aG gpio $USER, then log in again)?"
                    : "/dev/ppsN is root-only unless a udev rule opens it: add KERNEL==\"pps[0-9]*\", GROUP=\"dialout\","
                            + " MODE=\"0660\" and put the user in group dialout; /sys/class/pps/ppsN needs no permission";
            case NOT_A_PPS_DEVICE -> "PPS devices are /dev/ppsN (from dtoverlay=pps-gpio or a serial-line PPS);"
                    + " for a GPIO line give gpiochipN:LINE";
            case NO_ASSERT_CAPTURE -> "the PPS device does not capture assert (leading) edges; pps-gpio always does —"
                    + " check which driver created it: cat /sys/class/pps/ppsN/name";
            case BUSY -> "the line is already in use: if dtoverlay=pps-gpio claims this pin, use /dev/ppsN instead,"
                    + " or stop the other program (gpioinfo shows the consumer)";
            case UNSUPPORTED_PLATFORM -> gpio
                    ? "use /dev/ppsN or /sys/class/pps/ppsN with the pps-gpio overlay instead"
                    : "use /sys/class/pps/ppsN, which needs no ioctl";
            case DEVICE_ERROR -> "see dmesg for kernel messages about the device";
            case CLOSED -> "the source was closed";
        };
    }

    /** A source that can only say why it cannot work. */
    private record Unusable(String device, PpsFault fault, String detail) implements PpsSource {
        @Override
        public String clockDomain() {
            return "none";
        }

        @Override
        public PpsReading next(Duration timeout) {
            return new PpsReading.Unavailable(fault, detail);
        }

        @Override
        public void close() {}
    }
}
