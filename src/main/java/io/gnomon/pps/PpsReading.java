package io.gnomon.pps;

/** One answer from {@link PpsSource#next}: an edge, nothing yet, a reading that made no sense, or a device fault. */
public sealed interface PpsReading {

    /** An assert edge. */
    record Edge(PpsEdge edge) implements PpsReading {}

    /** The timeout passed without a new edge. */
    record NoEdge() implements PpsReading {}

    /** The device answered something that could not be decoded (e.g. a malformed sysfs line); counted, not fatal. */
    record Garbled(String detail) implements PpsReading {}

    /** The device cannot be used right now; {@code detail} says what the system said (path, errno). */
    record Unavailable(PpsFault fault, String detail) implements PpsReading {}
}
