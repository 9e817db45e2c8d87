package io.gnomon.drill;

import io.gnomon.fault.GpsFault;
import io.gnomon.fault.SerialFault;
import io.gnomon.sim.Scenario;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

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
 * @param serialFault        what the serial adapter boundary does to the bytes at true second n (byte-level
 *                           scenarios only; see {@link Scenario#throughNmeaBytes()})
 * @param restart            Gnomon restarts once during the run, or null
 * @param hostSteps          steps of the host's CLOCK_REALTIME made by another process during the run
 */
public record Drill(String name, String summary, Scenario scenario, LongPredicate ppsPresent, LongPredicate edgeDropped,
                    int spuriousPerSecond, LongUnaryOperator nmeaShiftSeconds, long checkpointSeconds,
                    List<String> assertions, Function<DrillTimeline, List<String>> check,
                    LongFunction<SerialFault> serialFault, Restart restart, List<HostStep> hostSteps) {

    /** Another process steps the host clock by {@code deltaNanos} at {@code atNanos} of true time since the start. */
    public record HostStep(long atNanos, long deltaNanos) {
    }

    /** No serial fault, no restart, host clock left alone. */
    public Drill(String name, String summary, Scenario scenario, LongPredicate ppsPresent, LongPredicate edgeDropped,
                 int spuriousPerSecond, LongUnaryOperator nmeaShiftSeconds, long checkpointSeconds,
                 List<String> assertions, Function<DrillTimeline, List<String>> check) {
        this(name, summary, scenario, ppsPresent, edgeDropped, spuriousPerSecond, nmeaShiftSeconds, checkpointSeconds,
                assertions, check, n -> SerialFault.PASS, null, List.of());
    }

    /** A serial fault and/or a restart; the host clock left alone. */
    public Drill(String name, String summary, Scenario scenario, LongPredicate ppsPresent, LongPredicate edgeDropped,
                 int spuriousPerSecond, LongUnaryOperator nmeaShiftSeconds, long checkpointSeconds,
                 List<String> assertions, Function<DrillTimeline, List<String>> check,
                 LongFunction<SerialFault> serialFault, Restart restart) {
        this(name, summary, scenario, ppsPresent, edgeDropped, spuriousPerSecond, nmeaShiftSeconds, checkpointSeconds,
                assertions, check, serialFault, restart, List.of());
    }

    /** Steps of the host clock by another process; no serial fault, no restart. */
    public Drill(String name, String summary, Scenario scenario, LongPredicate ppsPresent, LongPredicate edgeDropped,
                 int spuriousPerSecond, LongUnaryOperator nmeaShiftSeconds, long checkpointSeconds,
                 List<String> assertions, Function<DrillTimeline, List<String>> check, List<HostStep> hostSteps) {
        this(name, summary, scenario, ppsPresent, edgeDropped, spuriousPerSecond, nmeaShiftSeconds, checkpointSeconds,
                assertions, check, n -> SerialFault.PASS, null, hostSteps);
    }

    /**
     * Gnomon stops at true second {@code atSecond} (writing its state file) and a new process starts at once with a
     * new reference clock, reading that file.
     *
     * @param stateFileOnDisk what the new process finds on disk, given what the old one wrote (identity: intact)
     */
    public record Restart(long atSecond, UnaryOperator<String> stateFileOnDisk) {}

    /** The same drill with another seed for its simulated devices. */
    public Drill withSeed(long seed) {
        return new Drill(name, summary, scenario.withSeed(seed), ppsPresent, edgeDropped, spuriousPerSecond,
                nmeaShiftSeconds, checkpointSeconds, assertions, check, serialFault, restart, hostSteps);
    }
}
