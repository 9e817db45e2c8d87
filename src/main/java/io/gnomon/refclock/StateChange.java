package io.gnomon.refclock;

import io.gnomon.time.MonotonicTime;

/**
 * One transition of the lock state, with its reason; the composition root logs each as one line. A notice — an
 * event worth a line that leaves the state as it was, such as a host clock step — has {@code from == to}.
 */
public record StateChange(MonotonicTime at, LockState from, LockState to, String reason) {

    /** A line about something that happened while the state stayed {@code state}. */
    public static StateChange notice(MonotonicTime at, LockState state, String reason) {
        return new StateChange(at, state, state, reason);
    }

    /** True when the state really changed (false for a notice). */
    public boolean isTransition() {
        return from != to;
    }

    /** "PPS locked → holdover: no labelled PPS edge for 3 s"; a notice: "PPS locked, unchanged: host clock stepped …" */
    public String logLine() {
        return isTransition() ? from.words() + " → " + to.words() + ": " + reason
                : from.words() + ", unchanged: " + reason;
    }
}
