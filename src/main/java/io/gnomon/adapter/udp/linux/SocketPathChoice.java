package io.gnomon.adapter.udp.linux;

import java.util.Locale;
import java.util.Optional;

/** Which socket path to run, decided from facts about the platform before anything is opened. */
public sealed interface SocketPathChoice {

    /** The Linux FFM path, for this ABI (still subject to the live layout probe). */
    record Linux(LinuxAbi abi) implements SocketPathChoice {
    }

    /** The portable DatagramChannel path, and why. */
    record Portable(String reason) implements SocketPathChoice {
    }

    /** What the operator asked for. */
    enum Preference { AUTO, LINUX, PORTABLE }

    /**
     * @param preference    {@code PORTABLE} always wins; {@code LINUX} and {@code AUTO} take the Linux path
     *                      where it can run
     * @param osName        the {@code os.name} property
     * @param osArch        the {@code os.arch} property
     * @param nativeAccess  whether this code may call native functions ({@code Module.isNativeAccessEnabled})
     */
    static SocketPathChoice choose(Preference preference, String osName, String osArch, boolean nativeAccess) {
        if (preference == Preference.PORTABLE) {
            return new Portable("asked for the portable path");
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new Portable("not Linux (" + osName + ")");
        }
        Optional<LinuxAbi> abi = LinuxAbi.forOsArch(osArch);
        if (abi.isEmpty()) {
            return new Portable("no socket structure layouts for architecture " + osArch);
        }
        if (!nativeAccess) {
            return new Portable("native access not enabled (run java with --enable-native-access=ALL-UNNAMED)");
        }
        return new Linux(abi.get());
    }
}
