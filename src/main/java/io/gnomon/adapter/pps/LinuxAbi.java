package io.gnomon.adapter.pps;

import java.util.Locale;
import java.util.Optional;

/**
 * The user-space ABIs Gnomon runs on, with the two facts the kernel PPS and GPIO structs depend on:
 * the size of a pointer and the alignment of a 64-bit integer inside a struct.
 *
 * <ul>
 *   <li>x86_64 and aarch64 (LP64): 8-byte pointers, s64 aligned to 8.</li>
 *   <li>armhf (ARM EABI, 32-bit Raspberry Pi OS): 4-byte pointers, but s64 aligned to 8 — the ARM ABI (AAPCS /
 *       AEABI) gives {@code long long} and {@code double} eight-byte alignment (ARM Compiler guide, "Compiler
 *       eight-byte alignment features", DUI0472). So the PPS structs have the same layout as on aarch64.</li>
 *   <li>i386: 4-byte pointers and s64 aligned to only 4 (linux/pps.h "32-bit vs. 64-bit compatibility" comment),
 *       so the PPS structs are packed: this is why the kernel has {@code struct pps_fdata_compat}.</li>
 * </ul>
 * All four are little-endian.
 */
public enum LinuxAbi {
    X86_64(8, 8),
    AARCH64(8, 8),
    ARMHF(4, 8),
    I386(4, 4);

    private final int pointerBytes;
    private final int int64Alignment;

    LinuxAbi(int pointerBytes, int int64Alignment) {
        this.pointerBytes = pointerBytes;
        this.int64Alignment = int64Alignment;
    }

    public int pointerBytes() {
        return pointerBytes;
    }

    public int int64Alignment() {
        return int64Alignment;
    }

    /** The ABI of this JVM, from {@code os.arch}; empty for CPUs Gnomon does not know. */
    public static Optional<LinuxAbi> current() {
        return fromOsArch(System.getProperty("os.arch", ""));
    }

    static Optional<LinuxAbi> fromOsArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            case "arm", "armhf", "armv7l", "aarch32" -> Optional.of(ARMHF);
            case "x86", "i386", "i486", "i586", "i686" -> Optional.of(I386);
            default -> Optional.empty();
        };
    }
}
