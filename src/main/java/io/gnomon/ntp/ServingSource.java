package io.gnomon.ntp;

/** Where the reply path reads the latest {@link ServingState} (one volatile read; any thread). */
@FunctionalInterface
public interface ServingSource {
    ServingState current();
}
