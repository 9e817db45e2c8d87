package io.gnomon.gps;

import java.time.LocalDate;

/** What {@link DateResolver} made of a receiver's date. */
public sealed interface ResolvedDate {

    /** The true date; {@code rolloverWeeks} is how many 1024-week eras were added (0 when the receiver was right). */
    record Resolved(LocalDate date, int rolloverEras, String note) implements ResolvedDate {
    }

    /** No date can be trusted; never to be served. */
    record Unresolvable(String reason) implements ResolvedDate {
    }
}
