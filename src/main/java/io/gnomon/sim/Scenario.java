package io.gnomon.sim;

import io.gnomon.fault.GpsFault;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.time.UtcTime;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * One simulated run, fully determined by its fields and seed.
 *
 * @param delayNanosAtSecond   receiver delay after the edge at true second n; null: the model's constant delay
 * @param faults               receiver fault at true second n, or null for none
 * @param unplugAfterSeconds   the whole GPS (PPS and serial) disappears after this many seconds; negative: never
 * @param savedFrequency       a frequency from a state file, if the run starts with one
 * @param warmupSeconds        served-time accuracy is judged only after this long locked
 * @param throughNmeaBytes     feed the receiver's bytes through the real NMEA path instead of its epochs
 */
public record Scenario(String name, long seed, UtcTime start, long durationSeconds, OscillatorParams oscillator,
                       SimulatedPps.Params pps, ReceiverModel receiver, LongUnaryOperator delayNanosAtSecond,
                       LongFunction<GpsFault> faults, long unplugAfterSeconds, long bootErrorNanos,
                       Optional<Double> savedFrequency, ReferenceConfig reference, LeapSecondTable leaps,
                       long warmupSeconds, boolean throughNmeaBytes) {

    public Scenario withDuration(long seconds) {
        return new Scenario(name, seed, start, seconds, oscillator, pps, receiver, delayNanosAtSecond, faults,
                unplugAfterSeconds, bootErrorNanos, savedFrequency, reference, leaps, warmupSeconds, throughNmeaBytes);
    }

    public Scenario throughNmeaBytes(boolean bytes) {
        return new Scenario(name + (bytes ? " [NMEA bytes]" : ""), seed, start, durationSeconds, oscillator, pps, receiver,
                delayNanosAtSecond, faults, unplugAfterSeconds, bootErrorNanos, savedFrequency, reference, leaps,
                warmupSeconds, bytes);
    }

    public Scenario withSeed(long s) {
        return new Scenario(name, s, start, durationSeconds, oscillator, pps, receiver, delayNanosAtSecond, faults,
                unplugAfterSeconds, bootErrorNanos, savedFrequency, reference, leaps, warmupSeconds, throughNmeaBytes);
    }
}
