package io.gnomon.adapter.pps;

import io.gnomon.pps.PpsFault;

/**
 * The errno values the PPS and GPIO adapters meet, and what they mean for a PPS source. The numbers are the
 * asm-generic ones (errno-base.h / errno.h), shared by x86_64, arm and arm64.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ETIMEDOUT = 110;

    private Errno() {}

    /** A short name for messages ("ENOENT"), or "errno N". */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case ENXIO -> "ENXIO";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            case ETIMEDOUT -> "ETIMEDOUT";
            default -> "errno " + errno;
        };
    }

    /** The fault an errno from open(2) or an ioctl on a PPS/GPIO device stands for. */
    public static PpsFault fault(int errno) {
        return switch (errno) {
            case ENOENT, ENODEV, ENXIO -> PpsFault.NO_DEVICE;
            case EACCES, EPERM -> PpsFault.PERMISSION_DENIED;
            case ENOTTY -> PpsFault.NOT_A_PPS_DEVICE;
            case EBUSY -> PpsFault.BUSY;
            default -> PpsFault.DEVICE_ERROR;
        };
    }
}
