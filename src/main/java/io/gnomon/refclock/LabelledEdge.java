package io.gnomon.refclock;

import io.gnomon.time.MonotonicTime;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;

/**
 * A PPS edge with the second it begins.
 *
 * @param sequence the PPS source's sequence number
 * @param monotonic the edge in CLOCK_MONOTONIC
 * @param realtime  the edge in CLOCK_REALTIME
 * @param second    the (continuous) second that begins at this edge
 */
public record LabelledEdge(long sequence, MonotonicTime monotonic, RealtimeTime realtime, TaiTime second) {
}
