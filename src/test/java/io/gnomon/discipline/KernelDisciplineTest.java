package io.gnomon.discipline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gnomon.leap.LeapSecondTable;
import io.gnomon.time.RealtimeTime;
import io.gnomon.time.TaiTime;
import io.gnomon.time.UtcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The steering law against a recording kernel clock: what is asked of clock_adjtime, and what the model is told. */
class KernelDisciplineTest {
    private static final long NS = 1_000_000_000L;
    private static final LeapSecondTable LEAPS = new LeapSecondTable(List.of(
            new LeapSecondTable.Entry(Instant.parse("2015-07-01T00:00:00Z").getEpochSecond(), 36),
            new LeapSecondTable.Entry(Instant.parse("2017-01-01T00:00:00Z").getEpochSecond(), 37)),
            Optional.empty(), Optional.empty());

    /** Remembers every adjustment; frequency kept like the kernel (2⁻¹⁶ ppm steps, ±500 ppm). */
    private static final class RecordingKernel implements KernelClock {
        final List<KernelClockAdjustment> calls = new ArrayList<>();
        double ppm;
        boolean unsync = true;
        KernelLeap leap = KernelLeap.NONE;

        RecordingKernel(double ppm) {
            this.ppm = ppm;
        }

        @Override
        public KernelClockState read() {
            return new KernelClockState(ppm, 10_000, 16_000_000, 16_000_000, unsync, leap, unsync ? 0x40 : 0, 37, 0);
        }

        @Override
        public KernelClockState adjust(KernelClockAdjustment a) {
            calls.add(a);
            a.frequencyPpm().ifPresent(p -> ppm = Math.round(Math.max(-500, Math.min(500, p)) * 65_536) / 65_536.0);
            a.synchronised().ifPresent(s -> unsync = !s);
            a.leap().ifPresent(l -> leap = l);
            return read();
        }
    }

    private final List<Long> steps = new ArrayList<>();
    private final List<Double> rates = new ArrayList<>();
    private final KernelDiscipline.HostClockListener listener = new KernelDiscipline.HostClockListener() {
        @Override
        public void stepped(long deltaNanos) {
            steps.add(deltaNanos);
        }

        @Override
        public void rateChanged(double rateChange) {
            rates.add(rateChange);
        }
    };

    /** Host realtime at {@code utc} is {@code offsetNanos} ahead; the model says the clock is {@code frequency} fast. */
    private static KernelDiscipline.Reference ref(String utc, long offsetNanos, double frequency, boolean vouched) {
        UtcTime u = UtcTime.of(Instant.parse(utc));
        TaiTime tai = LEAPS.toTai(u, false);
        RealtimeTime host = new RealtimeTime(u.epochNanos() + offsetNanos);
        ClockEstimate e = new ClockEstimate(tai, (double) (host.epochNanos() - tai.nanos()), frequency, 500, 1e-9,
                1e-20, 2e-11, 300, 128);
        return new KernelDiscipline.Reference(Optional.of(e), vouched, 2e-6, host);
    }

    private KernelDiscipline discipline(RecordingKernel k, KernelDiscipline.Settings s) throws KernelClockException {
        KernelDiscipline d = new KernelDiscipline(k, LEAPS, s, listener);
        List<String> notes = d.start();
        assertTrue(notes.getFirst().contains("frequency " + String.format(java.util.Locale.ROOT, "%+.3f", k.ppm)), notes.toString());
        return d;
    }

    @Test
    void readsTheKernelFirstAndChangesNothingUntilTheReferenceVouches() throws Exception {
        RecordingKernel k = new RecordingKernel(7.25);
        KernelDiscipline d = new KernelDiscipline(k, LEAPS, KernelDiscipline.Settings.defaults(), listener);
        assertThrows(IllegalStateException.class, () -> d.update(ref("2026-03-01T00:00:00Z", 0, 30e-6, true)));
        d.start();
        assertEquals(7.25, d.kernelFrequencyPpm(), 1e-9);
        List<String> notes = d.update(ref("2026-03-01T00:00:00Z", 0, 30e-6, false));
        assertTrue(notes.getFirst().contains("STA_UNSYNC set"), notes.toString());
        d.update(ref("2026-03-01T00:00:01Z", 0, 30e-6, false));
        assertEquals(1, k.calls.size(), "STA_UNSYNC is set once, not every second");
        assertTrue(k.calls.getFirst().frequencyPpm().isEmpty(), "the frequency is left as found");
        assertEquals(Optional.of(false), k.calls.getFirst().synchronised());
        assertEquals(7.25, k.ppm, 1e-9);
        assertTrue(rates.isEmpty() && steps.isEmpty());
    }

    @Test
    void theFrequencyCancelsTheOscillatorAndTheOffsetDrainsWithTheTimeConstant() throws Exception {
        RecordingKernel k = new RecordingKernel(10);
        KernelDiscipline d = discipline(k, KernelDiscipline.Settings.defaults());
        // the model measures 40 ppm with the kernel's +10 ppm in: the oscillator alone is ≈ +29.7 ppm fast
        double f = 40e-6;
        double oscillator = (1 + f) / (1 + 10e-6) - 1;
        d.update(ref("2026-03-01T00:00:00Z", 0, f, true));
        assertEquals(((1.0) / (1 + oscillator) - 1) * 1e6, k.ppm, 1e-4);
        assertEquals((1 + k.ppm * 1e-6) / (1 + 10e-6) - 1, rates.getFirst(), 1e-15);
        // 16 µs ahead with τ 16 s: one ppm slower on top
        double before = k.ppm;
        double fNow = (1 + oscillator) * (1 + before * 1e-6) - 1; // what the model now measures
        d.update(ref("2026-03-01T00:00:01Z", 16_000, fNow, true));
        assertEquals(before - 1.0, k.ppm, 1e-3);
        assertTrue(steps.isEmpty());
    }

    @Test
    void stepsOnlyBeforeTheClockFirstSettles() throws Exception {
        RecordingKernel k = new RecordingKernel(0);
        KernelDiscipline d = discipline(k, KernelDiscipline.Settings.defaults());
        d.update(ref("2026-03-01T00:00:00Z", 250_000_000L, 30e-6, true)); // booted 250 ms ahead: stepped back
        assertEquals(List.of(-250_000_000L), steps);
        assertEquals(-250_000_000L, k.calls.getFirst().stepNanos().getAsLong());
        d.update(ref("2026-03-01T00:00:01Z", 0, 30e-6, true));
        // later another 0.5 s appears (someone else stepped it): slewed at the limit, never stepped
        List<String> notes = d.update(ref("2026-03-01T01:00:00Z", 500_000_000L, 30e-6, true));
        assertEquals(1, steps.size(), "no second step");
        assertEquals(-500, k.ppm, 1e-9);
        assertTrue(notes.stream().anyMatch(n -> n.contains("slewing, not stepping")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("at the limit")), notes.toString());
        assertEquals(1, d.steps());
    }

    @Test
    void stepsAfterSettlingOnlyWhenConfigured() throws Exception {
        RecordingKernel k = new RecordingKernel(0);
        KernelDiscipline d = discipline(k, new KernelDiscipline.Settings(16, 100_000_000L, true, 500));
        d.update(ref("2026-03-01T00:00:00Z", 0, 30e-6, true));
        d.update(ref("2026-03-01T01:00:00Z", -300_000_000L, 30e-6, true));
        assertEquals(List.of(300_000_000L), steps);
    }

    @Test
    void theFrequencyStaysWithinTheConfiguredAndTheKernelLimits() throws Exception {
        RecordingKernel k = new RecordingKernel(0);
        KernelDiscipline d = discipline(k, new KernelDiscipline.Settings(16, 100_000_000L, false, 100));
        d.update(ref("2026-03-01T00:00:00Z", -90_000_000L, 0, true)); // 90 ms behind: under the step threshold
        assertEquals(100, k.ppm, 1e-9);
        RecordingKernel k2 = new RecordingKernel(0);
        KernelDiscipline d2 = discipline(k2, new KernelDiscipline.Settings(16, 100_000_000L, false, 2000));
        d2.update(ref("2026-03-01T00:00:00Z", -90_000_000L, 0, true));
        assertEquals(500, k2.ppm, 1e-9);
        for (KernelClockAdjustment a : k2.calls) {
            a.frequencyPpm().ifPresent(p -> assertTrue(Math.abs(p) <= 500, "asked for " + p));
        }
    }

    @Test
    void statusFollowsTheLockStateAndErrorsFollowTheBound() throws Exception {
        RecordingKernel k = new RecordingKernel(0);
        KernelDiscipline d = discipline(k, KernelDiscipline.Settings.defaults());
        d.update(ref("2026-03-01T00:00:00Z", 3_000, 30e-6, true));
        assertFalse(k.unsync);
        KernelClockAdjustment last = k.calls.getLast();
        assertEquals(5, last.maxErrorMicros().getAsLong(), "3 µs off + 2 µs bound");
        assertEquals(4, last.estErrorMicros().getAsLong(), "3 µs off + 0.3 µs jitter, rounded up");
        int calls = k.calls.size();
        d.update(ref("2026-03-01T00:00:01Z", 0, 30e-6, false)); // the reference stops vouching (e.g. holdover limit)
        assertTrue(k.unsync);
        assertEquals(calls + 1, k.calls.size());
        d.update(ref("2026-03-01T00:00:02Z", 0, 30e-6, true));
        assertFalse(k.unsync);
    }

    @Test
    void leapBitsAreSetOnTheDayOfTheLeapSecondOnly() throws Exception {
        RecordingKernel k = new RecordingKernel(0);
        KernelDiscipline d = discipline(k, KernelDiscipline.Settings.defaults());
        d.update(ref("2016-12-30T23:59:58Z", 0, 30e-6, true));
        assertEquals(KernelLeap.NONE, k.leap);
        List<String> notes = d.update(ref("2016-12-31T00:00:01Z", 0, 30e-6, true));
        assertEquals(KernelLeap.INSERT, k.leap);
        assertTrue(notes.stream().anyMatch(n -> n.contains("STA_INS set") && n.contains("2016-12-31")), notes.toString());
        d.update(ref("2016-12-31T23:59:59Z", 0, 30e-6, true));
        assertEquals(KernelLeap.INSERT, k.leap);
        d.update(ref("2017-01-01T00:00:01Z", 0, 30e-6, true));
        assertEquals(KernelLeap.NONE, k.leap);
    }

    @Test
    void oscillatorAndMeasuredFrequencyConvertBothWays() {
        // saved as the oscillator's own error (30 ppm); after a restart the kernel still corrects −29.9 ppm
        double measured = KernelDiscipline.measuredFrequency(30e-6, -29.9e-6);
        assertEquals(0.1e-6 - 30e-6 * 29.9e-6, measured, 1e-15); // the product term matters at ppb level
        assertEquals(30e-6, KernelDiscipline.oscillatorFrequency(measured, -29.9e-6), 1e-15);
        assertEquals(30e-6, KernelDiscipline.measuredFrequency(30e-6, 0), 1e-15);
    }

    @Test
    void whenTheReferenceStopsVouchingTheDrainRateIsRemovedAndTheOscillatorsCorrectionKept() throws Exception {
        // issue 14: a 21.75 ms offset being drained at the -500 ppm limit when the reference dropped to "time
        // unverified" left the kernel at -500 ppm, and the clock walked ~75 ms off in 5 min
        RecordingKernel k = new RecordingKernel(0);
        KernelDiscipline d = discipline(k, KernelDiscipline.Settings.defaults());
        d.update(ref("2026-03-01T00:00:00Z", 21_750_000, 30e-6, true));
        assertEquals(-500, k.ppm, 1e-9, "draining 21.75 ms with τ 16 s: at the limit");
        rates.clear();
        List<String> notes = d.update(ref("2026-03-01T00:00:01Z", 21_700_000, 30e-6 - 530e-6, false));
        assertTrue(k.unsync);
        // the kernel correction that cancels the oscillator's +30 ppm (measured before the drain was set)
        double expected = (1 / (1 + 30e-6) - 1) * 1e6;
        assertEquals(expected, k.ppm, 1.0 / 65_536, notes.toString());
        assertTrue(notes.getFirst().contains(String.format(java.util.Locale.ROOT, "frequency %+.3f ppm", k.ppm))
                && notes.getFirst().contains("drain's -500.000 ppm removed"), notes.toString());
        assertEquals(1, rates.size(), "the model is told of the rate change");
        assertEquals((1 + k.ppm * 1e-6) / (1 - 500e-6) - 1, rates.getFirst(), 1e-12);
        // later updates while unvouched change nothing more
        int calls = k.calls.size();
        d.update(ref("2026-03-01T00:00:02Z", 21_700_000, 0, false));
        assertEquals(calls, k.calls.size());
    }

    @Test
    void aReferenceThatNeverVouchedLeavesTheFrequencyAsFound() throws Exception {
        RecordingKernel k = new RecordingKernel(12.5);
        KernelDiscipline d = discipline(k, KernelDiscipline.Settings.defaults());
        List<String> notes = d.update(ref("2026-03-01T00:00:00Z", 0, 30e-6, false));
        assertEquals(12.5, k.ppm);
        assertTrue(k.unsync);
        assertTrue(notes.getFirst().contains("frequency left at +12.500 ppm as found"), notes.toString());
        assertTrue(rates.isEmpty());
    }
}
