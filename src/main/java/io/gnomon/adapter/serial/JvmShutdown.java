package io.gnomon.adapter.serial;

/**
 * Whether the JVM is shutting down. jSerialComm's own shutdown hook uninitialises its native library when the JVM
 * exits (SIGTERM from systemd), which can fail a read that is in progress — with errno left at EAGAIN/EWOULDBLOCK —
 * before Gnomon's own hook has closed the link: that is the end of the service, not a lost port.
 */
final class JvmShutdown {
    private JvmShutdown() {}

    /** True once shutdown hooks have started: the JVM then refuses new hooks (the only public sign of it). */
    static boolean inProgress() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
