package io.gnomon.refclock;

import io.gnomon.time.MonotonicTime;

/** One transition of the lock state, with its reason; the composition root logs each as one line. */
public record StateChange(MonotonicTime at, LockState from, LockState to, String reason) {

    /** "PPS locked → holdover: no labelled PPS edge for 3 s" */
    public String logLine() {
        return from.words() + " → " + to.words() + ": " + reason;
    }
}
