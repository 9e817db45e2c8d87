package io.gnomon.adapter.pps;

/**
 * Linux ioctl request numbers, computed the way {@code <asm-generic/ioctl.h>} does on x86, ARM and arm64:
 * {@code _IOC(dir, type, nr, size) = dir << 30 | size << 16 | type << 8 | nr}, with {@code _IOC_WRITE = 1},
 * {@code _IOC_READ = 2} (so {@code _IOWR} has dir 3) and a 14-bit size field.
 *
 * <p>The PPS requests are declared in linux/pps.h with a <em>pointer</em> type as the size argument:
 * {@code #define PPS_FETCH _IOWR('p', 0xa4, struct pps_fdata *)}, so the size encoded is sizeof(void *) — 8 on
 * x86_64/aarch64, 4 on armhf/i386 — not the struct size. The kernel's compat path
 * (drivers/pps/pps.c, pps_cdev_compat_ioctl) rewrites a 32-bit caller's request with its own sizeof(void *) for
 * exactly this reason. Checked on x86_64 with gcc: PPS_FETCH = 0xc00870a4, PPS_GETCAP = 0x800870a3.
 */
public final class IoctlRequest {

    private static final int WRITE = 1;
    private static final int READ = 2;

    private IoctlRequest() {}

    static long ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size >= 1 << 14) {
            throw new IllegalArgumentException("ioctl size field is 14 bits: " + size);
        }
        return ((long) dir << 30) | ((long) size << 16) | ((long) (type & 0xff) << 8) | (nr & 0xff);
    }

    public static long iowr(int type, int nr, int size) {
        return ioc(READ | WRITE, type, nr, size);
    }

    public static long ior(int type, int nr, int size) {
        return ioc(READ, type, nr, size);
    }

    /** {@code PPS_FETCH = _IOWR('p', 0xa4, struct pps_fdata *)}. */
    public static long ppsFetch(LinuxAbi abi) {
        return iowr('p', 0xa4, abi.pointerBytes());
    }

    /** {@code PPS_GETCAP = _IOR('p', 0xa3, int *)}. */
    public static long ppsGetCap(LinuxAbi abi) {
        return ior('p', 0xa3, abi.pointerBytes());
    }
}
