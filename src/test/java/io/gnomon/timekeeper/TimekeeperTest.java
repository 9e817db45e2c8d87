package io.gnomon.timekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.leap.LeapSecondTables;
import io.gnomon.refclock.LockState;
import io.gnomon.refclock.StateChange;
import io.gnomon.sim.Oscillator;
import io.gnomon.sim.OscillatorParams;
import io.gnomon.sim.ReceiverModel;
import io.gnomon.sim.Scenarios;
import io.gnomon.sim.SimulatedGpsReceiver;
import io.gnomon.sim.SimulatedHost;
import io.gnomon.sim.SimulatedPps;
import io.gnomon.sim.VirtualClock;
import io.gnomon.time.UtcTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pipeline fed with NMEA bytes, PPS edges and ticks as values, read through its one serving value. */
class TimekeeperTest {
    private static final long NS = 1_000_000_000L;
    private static final LeapSecondTable LEAPS = LeapSecondTables.shipped();

    private final VirtualClock clock = new VirtualClock();
    private final SimulatedHost host = new SimulatedHost(clock, new Oscillator(OscillatorParams.fixed(25),
            new SplittableRandom(7)), LEAPS, Scenarios.START, 3_000_000L, 5_000 * NS);
    private final Timekeeper tk = new Timekeeper(Scenarios.reference(false), LEAPS, host::realtimeMinusMonotonicNanos,
            Optional.empty(), Scenarios.START.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
    private final List<StateChange> changes = new ArrayList<>();

    @Test
    void beforeAnyInputItServesHostTimeAndSaysUnsynchronised() {
        Serving s = tk.current();
        assertFalse(s.snapshot().synchronised());
        assertTrue(s.estimate().isEmpty());
        assertEquals(1_234_567_890_123L, s.servedUtcNanos(1_234_567_890_123L));
        assertSame(s.snapshot(), tk.snapshot());
    }

    @Test
    void bytesEdgesAndTicksLockItAndTheServingValueCarriesTheTruth() {
        feed(300);
        assertEquals(LockState.PPS_LOCKED, tk.status().state());
        assertTrue(changes.stream().anyMatch(c -> c.to() == LockState.PPS_LOCKED), "the lock came back as a value");
        Serving s = tk.current();
        assertTrue(s.snapshot().synchronised());
        assertEquals(1, s.snapshot().stratum());
        assertEquals("PPS", s.snapshot().refId());
        long now = clock.nowNanos();
        UtcTime served = s.servedUtc(host.realtimeAt(now));
        // the host clock is 3 ms and 25 ppm off; the serving value takes both out
        assertTrue(Math.abs(served.nanosSince(host.trueUtc(now))) < 20_000, "served " + served);
        assertEquals(served.epochNanos(), s.servedUtcNanos(host.realtimeAt(now).epochNanos()));
        assertTrue(tk.lastEpoch().isPresent());
    }

    @Test
    void everyInputPublishesOneNewValueAndAnOldOneNeverChanges() {
        feed(60);
        Serving before = tk.current();
        var estimate = before.estimate();
        var snapshot = before.snapshot();
        changes.addAll(tk.onTick(host.monotonicAt(clock.nowNanos()), host.realtimeAt(clock.nowNanos())).changes());
        assertNotSame(before, tk.current());
        assertSame(estimate, before.estimate());
        assertSame(snapshot, before.snapshot());
    }

    /** {@code seconds} of a u-blox receiver's bytes and clean PPS, with a tick each second. */
    private void feed(long seconds) {
        SplittableRandom random = new SplittableRandom(11);
        SimulatedPps pps = new SimulatedPps(host, SimulatedPps.Params.clean(1_000), random.split(), n -> true,
                edge -> changes.addAll(tk.onEdge(edge, host.monotonicAt(clock.nowNanos()))));
        ReceiverModel model = ReceiverModel.ublox();
        SimulatedGpsReceiver gps = new SimulatedGpsReceiver(host, model, n -> model.delayNanos(), n -> null,
                random.split(), (data, off, len, arrival) -> {
                    changes.addAll(tk.acceptBytes(data, off, len, arrival, host.monotonicAt(clock.nowNanos())));
                    clock.schedule(clock.nowNanos() + Timekeeper.QUIET_NANOS + 10_000_000L,
                            () -> changes.addAll(tk.closeCycleIfQuiet(host.monotonicAt(clock.nowNanos()))));
                }, e -> { });
        for (long k = 1; k <= seconds; k++) {
            clock.schedule(k * NS + NS / 2, () -> changes.addAll(
                    tk.onTick(host.monotonicAt(clock.nowNanos()), host.realtimeAt(clock.nowNanos())).changes()));
        }
        pps.start();
        gps.start();
        clock.runUntil(seconds * NS + 3 * NS / 4);
    }
}
