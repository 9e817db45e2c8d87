package io.gnomon.pps;

/** Why a PPS source cannot deliver edges. The same words appear in logs, status and {@code gnomon pps-check}. */
public enum PpsFault {
    /** The device node, sysfs file or GPIO chip does not exist. */
    NO_DEVICE("no such device"),
    /** The device exists but this user may not open it. */
    PERMISSION_DENIED("permission denied"),
    /** The path exists but is not a PPS device (the ioctl is unknown to it). */
    NOT_A_PPS_DEVICE("not a PPS device"),
    /** The PPS device does not capture assert edges. */
    NO_ASSERT_CAPTURE("device does not capture assert edges"),
    /** The line is already requested by another consumer (e.g. the pps-gpio overlay or another program). */
    BUSY("device busy"),
    /** This platform lacks what the source needs (e.g. no native GPIO library for this CPU). */
    UNSUPPORTED_PLATFORM("unsupported on this platform"),
    /** Any other error the system reported. */
    DEVICE_ERROR("device error"),
    /** The source was closed. */
    CLOSED("closed");

    private final String words;

    PpsFault(String words) {
        this.words = words;
    }

    /** A short phrase for messages. */
    public String words() {
        return words;
    }
}
