package io.gnomon.adapter.serial;

/** A process that has a device open: its pid and command name (from /proc/PID/comm, "?" when unreadable). */
public record PortHolder(long pid, String command) {
    public String describe() {
        return "pid " + pid + " (" + command + ")";
    }
}
