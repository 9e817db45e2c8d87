package io.gnomon.adapter.serial;

import io.gnomon.time.MonotonicTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The state of the link to the GPS receiver's serial port, as a value. {@link SerialReceiverLink} publishes a
 * state only when it differs from the last one published, so a listener (and the log) sees one event per change,
 * not one per retry.
 */
public sealed interface SerialLinkState {

    /** The configured device path (what the operator wrote, possibly a symlink such as /dev/serial0). */
    String path();

    /** One line for an operator: what is happening and, when something is wrong, what to do about it. */
    String describe();

    /** Whether this state means the port cannot be read right now (missing, lost, busy, unusable). */
    default boolean isTrouble() {
        return !(this instanceof Opening || this instanceof Connected);
    }

    /** The first attempt to open the port has not finished yet. */
    record Opening(String path, int baud) implements SerialLinkState {
        @Override
        public String describe() {
            return "opening serial port " + path + " at " + baud + " baud";
        }
    }

    /**
     * The port is open and being read. {@code device} is the real device the path resolved to; {@code configuredBaud}
     * differs from {@code baud} when a search found the receiver at another rate than the configuration names.
     */
    record Connected(String path, String device, int baud, int configuredBaud) implements SerialLinkState {
        public Connected(String path, String device, int baud) {
            this(path, device, baud, baud);
        }

        @Override
        public String describe() {
            String via = device.equals(path) ? "" : " (" + device + ")";
            String found = baud == configuredBaud ? ""
                    : " (found by search; serial-baud says " + configuredBaud + ")";
            return "serial port " + path + via + " connected at " + baud + " baud 8N1" + found;
        }
    }

    /**
     * Bytes arrived for a whole window without one valid NMEA sentence: the receiver probably sends at another rate
     * (receivers fall back to their default after a reset or a power loss), so the link listens at each candidate.
     */
    record Searching(String path, int baud, String why) implements SerialLinkState {
        @Override
        public String describe() {
            return "serial port " + path + ": " + why + " at " + baud + " baud; listening at other rates";
        }
    }

    /** Nothing usable at the path: it does not exist (not plugged in, overlay not enabled, socat not running). */
    record Missing(String path, String reason) implements SerialLinkState {
        @Override
        public String describe() {
            return "serial port " + path + " is missing: " + reason;
        }
    }

    /** An open port stopped working (unplugged, pty closed, I/O error). {@code since} is when we noticed. */
    record Lost(String path, String reason, MonotonicTime since) implements SerialLinkState {
        @Override
        public String describe() {
            return "serial port " + path + " lost: " + reason;
        }
    }

    /**
     * Another process holds the port's exclusive lock. {@code holders} are the processes that have the device
     * open (from /proc/PID/fd); empty when none could be seen (another user's processes need root to inspect).
     */
    record Busy(String path, String device, List<PortHolder> holders) implements SerialLinkState {
        public Busy {
            holders = List.copyOf(holders);
        }

        @Override
        public String describe() {
            String via = device.equals(path) ? "" : " (" + device + ")";
            String who = holders.isEmpty()
                    ? "by a process we cannot see (try: fuser -v " + device + ")"
                    : "by " + holders.stream().map(PortHolder::describe).collect(Collectors.joining(", "));
            return "serial port " + path + via + " is busy: locked " + who;
        }
    }

    /** The path exists but cannot be used as a serial port (permissions, not a tty, driver error). */
    record Unusable(String path, String reason) implements SerialLinkState {
        @Override
        public String describe() {
            return "serial port " + path + " cannot be opened: " + reason;
        }
    }
}
