package io.gnomon.pps;

import io.gnomon.time.HostTime;

/**
 * One assert edge of the pulse per second, as a PPS source reported it.
 *
 * @param sequence  the source's own counter (kernel PPS assert sequence; a local counter for GPIO events)
 * @param timestamp when the edge happened, in the clock domain the source stamps in
 *                  (kernel PPS: CLOCK_REALTIME; gpiod line events: CLOCK_MONOTONIC)
 */
public record PpsEdge(long sequence, HostTime timestamp) {
}
