package io.gnomon.sim;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * A fault drill: a scenario in simulated time plus the faults the scenario itself cannot express, judged at
 * the NTP client's side. Second indices count true seconds from the scenario start.
 *
 * @param scenario           the devices, host and receiver faults ({@link GpsFault}) of the run
 * @param ppsPresent         whether the PPS line delivers the edge of true second n
 * @param edgeDropped        an edge the PPS line loses although it is connected
 * @param spuriousPerSecond  extra pulses per second at random times while PPS is present
 * @param nmeaShiftSeconds   seconds added to the receiver's claimed second at true second n (0: honest)
 * @param checkpointSeconds  a client asks once every this many simulated seconds
 * @param check              the asserted outcomes: one message per failed assertion, empty when the drill passes
 * @param hostSteps          steps of the host's CLOCK_REALTIME made by another process during the run
 */
public record Drill(String name, String summary, Scenario scenario, LongPredicate ppsPresent, LongPredicate edgeDropped,
                    int spuriousPerSecond, LongUnaryOperator nmeaShiftSeconds, long checkpointSeconds,
                    List<String> assertions, Function<DrillTimeline, List<String>> check, List<HostStep> hostSteps) {

    /** Another process steps the host clock by {@code deltaNanos} at {@code atNanos} of true time since the start. */
    public record HostStep(long atNanos, long deltaNanos) {
    }

    /** A drill that leaves the host clock alone. */
    public Drill(String name, String summary, Scenario scenario, LongPredicate ppsPresent, LongPredicate edgeDropped,
                 int spuriousPerSecond, LongUnaryOperator nmeaShiftSeconds, long checkpointSeconds,
                 List<String> assertions, Function<DrillTimeline, List<String>> check) {
        this(name, summary, scenario, ppsPresent, edgeDropped, spuriousPerSecond, nmeaShiftSeconds, checkpointSeconds,
                assertions, check, List.of());
    }
}
