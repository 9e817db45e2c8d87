package io.gnomon.ntp;

import io.gnomon.time.ServedClock;

/** Where the server core reads the current {@link Serving} value; must not allocate (it is read per request). */
@FunctionalInterface
public interface ServingSource {

    Serving current();

    /**
     * The two separately updated parts as one source: each read of the result goes to {@code reference} and
     * {@code served} as they are then (not one atomic value; the timekeeper's published value is).
     */
    static ServingSource of(ReferenceSource reference, ServedClock served) {
        Serving parts = new Serving() {
            @Override
            public ReferenceSnapshot reference() {
                return reference.current();
            }

            @Override
            public long servedUtcNanos(long realtimeNanos) {
                return served.fromRealtimeNanos(realtimeNanos);
            }
        };
        return () -> parts;
    }
}
