package io.gnomon.ntp;

/** Where the server reads the current reference snapshot from (an atomic reference in the clock layer). */
@FunctionalInterface
public interface ReferenceSource {
    ReferenceSnapshot current();
}
