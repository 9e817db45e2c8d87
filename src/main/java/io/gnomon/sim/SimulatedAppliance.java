package io.gnomon.sim;

import io.gnomon.discipline.SoftwareCorrectedClock;
import io.gnomon.fault.DrillInjection;
import io.gnomon.fault.GpsFault;
import io.gnomon.fault.PpsFaultInjector;
import io.gnomon.fault.SerialFaultInjector;
import io.gnomon.gps.DateResolver;
import io.gnomon.gps.Epoch;
import io.gnomon.gps.GpsReceiver;
import io.gnomon.gps.SatelliteSignal;
import io.gnomon.nmea.FramerConfig;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.refclock.LabellerConfig;
import io.gnomon.refclock.LeapSecondTable;
import io.gnomon.refclock.ReferenceClock;
import io.gnomon.refclock.ReferenceConfig;
import io.gnomon.refclock.ReferenceStatus;
import io.gnomon.refclock.StateChange;
import io.gnomon.time.MonotonicClock;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.ServedClock;
import io.gnomon.time.UtcTime;
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
    private final ReferenceClock reference;
    private final SoftwareCorrectedClock served;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Epoch lastEpoch;
    private volatile List<SatelliteSignal> lastSky = List.of();
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
        reference = new ReferenceClock(ReferenceConfig.defaults(labeller).withHoldoverLimit(holdoverLimitSeconds), leaps,
                host::realtimeMinusMonotonicNanos, savedFrequency);
        served = new SoftwareCorrectedClock(realtime, leaps, null);
        Consumer<List<StateChange>> after = changes -> {
            changes.forEach(transitions);
            served.apply(reference.servingEstimate());
        };
        long unplug = unplugAfterSeconds < 0 ? Long.MAX_VALUE : unplugAfterSeconds;
        GpsReceiver receiver = new GpsReceiver(FramerConfig.defaults(),
                DateResolver.anchoredAt(LocalDate.ofEpochDay(Math.floorDiv(start.epochSecond(), 86_400L))),
                e -> {
                    lastEpoch = e;
                    if (!e.satellites().isEmpty()) {
                        lastSky = e.satellites();
                    }
                    after.accept(reference.onEpoch(e.verdict(), host.monotonicAt(clock.nowNanos())));
                });
        // the drill injectors sit where the real adapters hand over edges and bytes
        PpsFaultInjector ppsBoundary = new PpsFaultInjector(
                edge -> after.accept(reference.onEdge(edge, host.monotonicAt(clock.nowNanos()))),
                () -> injection.ppsLost());
        SimulatedPps pps = new SimulatedPps(host, SimulatedPps.Params.clean(1_000), random.split(), n -> n < unplug,
                ppsBoundary);
        SerialFaultInjector serialBoundary = new SerialFaultInjector((data, off, len, arrival) -> {
            receiver.accept(data, off, len, arrival);
            clock.schedule(clock.nowNanos() + 310_000_000L,
                    () -> receiver.closeCycleIfQuiet(host.monotonicAt(clock.nowNanos()), 300_000_000L));
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
            after.accept(reference.onTick(host.monotonicAt(clock.nowNanos())));
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

    public ReferenceSource reference() {
        return reference;
    }

    public ServedClock served() {
        return served;
    }

    /** The frequency worth keeping in the state file, once the model has earned it. */
    public Optional<Double> frequencyToSave() {
        return reference.frequencyToSave();
    }

    /** The simulated receiver's latest epoch (fix, satellites with SNR), once it has sent one. */
    public Optional<Epoch> lastEpoch() {
        return Optional.ofNullable(lastEpoch);
    }

    /** The satellites of the latest cycle that reported any (GSV). */
    public List<SatelliteSignal> lastSky() {
        return lastSky;
    }

    public ReferenceStatus status() {
        return reference.status();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
