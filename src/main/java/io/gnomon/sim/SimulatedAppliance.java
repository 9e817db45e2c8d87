package io.gnomon.sim;

import io.gnomon.fault.DrillInjection;
import io.gnomon.fault.GpsFault;
import io.gnomon.fault.PpsFaultInjector;
import io.gnomon.fault.SerialFaultInjector;
import io.gnomon.gps.Epoch;
import io.gnomon.gps.SatelliteSignal;
import io.gnomon.leap.LeapSecondTable;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServingSource;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.refclock.StateChange;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;
import io.gnomon.timekeeper.ServedView;
import io.gnomon.timekeeper.Timekeeper;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The simulated GPS HAT in real time, for {@code gnomon simulate}: the virtual clock follows the host's monotonic
 * clock, the simulated host clock is the real one (so NTP packet timestamps and the model share a domain), and
 * "true" UTC is the host clock's own idea of it. The receiver's NMEA bytes go through the real framer, decoder
 * and epoch assembler; PPS edges (σ 1 µs) through the real labeller and clock model.
 */
public final class SimulatedAppliance implements AutoCloseable {
    private static final long NS = 1_000_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final MonotonicClock mono;
    private final long monoStart;
    private final Timekeeper timekeeper;
    private final ServedClock served;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile DrillInjection injection = DrillInjection.NONE;

    /**
     * @param unplugAfterSeconds the whole simulated GPS disappears after this long (negative: never)
     * @param holdoverLimitSeconds error bound past which the server says it is unsynchronised
     * @param savedFrequency     from the state file, for a faster lock
     * @param transitions        receives each state change (the caller logs it)
     */
    public SimulatedAppliance(LeapSecondTable leaps, MonotonicClock mono, RealtimeClock realtime, long seed,
                              long unplugAfterSeconds, double holdoverLimitSeconds, Optional<Double> savedFrequency,
                              Consumer<StateChange> transitions) {
        this.mono = mono;
        this.monoStart = mono.now().nanos();
        long realStart = realtime.now().epochNanos();
        UtcTime start = new UtcTime(realStart);
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedHost host = new SimulatedHost(clock, new Oscillator(OscillatorParams.fixed(0), random.split()), leaps,
                start, 0, monoStart);
        LabellerConfig labeller = LabellerConfig.defaults(UtcTime.ofEpochSecond(start.epochSecond() - 366 * 86_400L));
        timekeeper = new Timekeeper(ReferenceConfig.defaults(labeller).withHoldoverLimit(holdoverLimitSeconds), leaps,
                host::realtimeMinusMonotonicNanos, savedFrequency,
                LocalDate.ofEpochDay(Math.floorDiv(start.epochSecond(), 86_400L)));
        served = new ServedView(realtime, timekeeper);
        Consumer<List<StateChange>> after = changes -> changes.forEach(transitions);
        long unplug = unplugAfterSeconds < 0 ? Long.MAX_VALUE : unplugAfterSeconds;
        // the drill injectors sit where the real adapters hand over edges and bytes
        PpsFaultInjector ppsBoundary = new PpsFaultInjector(
                edge -> after.accept(timekeeper.onEdge(edge, host.monotonicAt(clock.nowNanos()))),
                () -> injection.ppsLost());
        SimulatedPps pps = new SimulatedPps(host, SimulatedPps.Params.clean(1_000), random.split(), n -> n < unplug,
                ppsBoundary);
        SerialFaultInjector serialBoundary = new SerialFaultInjector((data, off, len, arrival) -> {
            after.accept(timekeeper.acceptBytes(data, off, len, arrival, host.monotonicAt(clock.nowNanos())));
            clock.schedule(clock.nowNanos() + Timekeeper.QUIET_NANOS + 10_000_000L,
                    () -> after.accept(timekeeper.closeCycleIfQuiet(host.monotonicAt(clock.nowNanos()))));
        }, () -> injection.serial());
        ReceiverModel model = ReceiverModel.ublox();
        SimulatedGpsReceiver gps = new SimulatedGpsReceiver(host, model, n -> model.delayNanos(),
                n -> n >= unplug ? GpsFault.UNPLUGGED : injection.receiverFault(), random.split(), serialBoundary,
                e -> { });
        pps.start();
        gps.start();
        tick(host, after, 1);
        thread = Thread.ofPlatform().name("gnomon-sim-devices").daemon().unstarted(this::loop);
    }

    private void tick(SimulatedHost host, Consumer<List<StateChange>> after, long second) {
        clock.schedule(second * NS + NS / 2, () -> {
            after.accept(timekeeper.onTick(host.monotonicAt(clock.nowNanos()), host.realtimeAt(clock.nowNanos()))
                    .changes());
            tick(host, after, second + 1);
        });
    }

    public SimulatedAppliance start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            long now = mono.now().nanos() - monoStart;
            synchronized (clock) {
                clock.runUntil(now);
            }
            long next = clock.nextEventNanos();
            long sleep = Math.min(Math.max(0, next - (mono.now().nanos() - monoStart)), 20_000_000L);
            try {
                Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * From now on, inject {@code i}: PPS edges withheld and serial bytes dropped or garbled at the adapter boundary,
     * and the simulated receiver showing its fault. {@link DrillInjection#NONE} ends it. Any thread.
     */
    public void inject(DrillInjection i) {
        injection = java.util.Objects.requireNonNull(i);
    }

    /** The serving value the NTP side answers from. */
    public ServingSource serving() {
        return timekeeper;
    }

    public ReferenceSource reference() {
        return timekeeper::snapshot;
    }

    public ServedClock served() {
        return served;
    }

    /** The frequency worth keeping in the state file, once the model has earned it. */
    public Optional<Double> frequencyToSave() {
        return timekeeper.frequencyToSave();
    }

    /** The simulated receiver's latest epoch (fix, satellites with SNR), once it has sent one. */
    public Optional<Epoch> lastEpoch() {
        return timekeeper.lastEpoch();
    }

    /** The satellites of the latest cycle that reported any (GSV). */
    public List<SatelliteSignal> lastSky() {
        return timekeeper.lastSky();
    }

    public ReferenceStatus status() {
        return timekeeper.status();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
