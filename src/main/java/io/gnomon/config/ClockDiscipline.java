package io.gnomon.config;

/** Whether Gnomon steers the host's system clock (needs CAP_SYS_TIME) or only serves its own model of UTC. */
public enum ClockDiscipline {
    NONE,
    KERNEL;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
