package io.gnomon.sim;

import io.gnomon.discipline.TemperatureCurve;
import io.gnomon.leap.LeapSecondTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Issue 19's figures: for each seed, the same simulated run (same oscillator, edges and sensor noise) with the
 * plain model and with the temperature model, then the outside-the-range and failing-sensor variants with the
 * temperature model. Prints one line per run and ends with the summary line.
 */
public final class ThermalHoldoverReport {

    /** One run's figures. */
    public record Figures(String name, double worstErrorSeconds, double coverage, double secondsToLi3,
                          double boundAtEndSeconds, double errorAtEndSeconds, Optional<TemperatureCurve> curve) {

        static Figures of(ScenarioResult r, Optional<TemperatureCurve> curve) {
            return new Figures(r.name(), r.worstHoldoverErrorSeconds(), r.holdoverCoverage(), r.secondsToUnsynchronised(),
                    r.lastHoldoverBoundSeconds(), r.lastHoldoverErrorSeconds(), curve);
        }

        private static String li3(double seconds) {
            return Double.isNaN(seconds) ? "never" : String.format(Locale.ROOT, "%.0f s", seconds);
        }

        String line() {
            return String.format(Locale.ROOT,
                    "%s: worst error %.3f ms, bound covered %.3f %%, LI=3 after %s; at the end bound %.3f ms, error %.3f ms"
                            + " (bound / worst error %.1f)%s",
                    name, worstErrorSeconds * 1e3, 100 * coverage, li3(secondsToLi3), boundAtEndSeconds * 1e3,
                    errorAtEndSeconds * 1e3, boundAtEndSeconds / worstErrorSeconds,
                    curve.map(c -> "; curve " + c.describe() + String.format(Locale.ROOT,
                            ", lag %.0f s, unexplained wander %.2e/s, uncertainty ×%.2f, σ %.2f ppb",
                            c.lagSeconds(), c.wanderPerSecond(), c.uncertaintyScale(),
                            c.sigmaAt((c.minCelsius() + c.maxCelsius()) / 2) * 1e9))
                            .orElse(""));
        }
    }

    /** Everything measured, and the one summary line. */
    public record Summary(List<Figures> plain, List<Figures> temperature, List<Figures> variants, long holdoverSeconds) {

        public double worstPlain() {
            return plain.stream().mapToDouble(Figures::worstErrorSeconds).max().orElse(Double.NaN);
        }

        public double worstTemperature() {
            return temperature.stream().mapToDouble(Figures::worstErrorSeconds).max().orElse(Double.NaN);
        }

        /** The least coverage of the temperature model's bound over every run (variants included). */
        public double leastCoverage() {
            return java.util.stream.Stream.concat(temperature.stream(), variants.stream())
                    .mapToDouble(Figures::coverage).min().orElse(Double.NaN);
        }

        /** The earliest LI=3 over the seeds (NaN entries: never within the run, counted as the whole holdover). */
        static double earliestLi3(List<Figures> runs, long holdoverSeconds) {
            return runs.stream().mapToDouble(f -> Double.isNaN(f.secondsToLi3()) ? holdoverSeconds : f.secondsToLi3())
                    .min().orElse(Double.NaN);
        }

        public double li3Plain() {
            return earliestLi3(plain, holdoverSeconds);
        }

        public double li3Temperature() {
            return earliestLi3(temperature, holdoverSeconds);
        }

        public String line() {
            boolean never = temperature.stream().allMatch(f -> Double.isNaN(f.secondsToLi3()));
            return String.format(Locale.ROOT,
                    "thermal holdover: worst error plain %.1f ms, temperature model %.2f ms (ratio %.3f); bound covered %.2f %%;"
                            + " LI=3 after %.0f s plain, %s%.0f s temperature model",
                    worstPlain() * 1e3, worstTemperature() * 1e3, worstTemperature() / worstPlain(), 100 * leastCoverage(),
                    li3Plain(), never ? "> " : "", li3Temperature());
        }
    }

    private ThermalHoldoverReport() {}

    public static Summary run(LeapSecondTable leaps, long[] seeds, long lockedSeconds, long holdoverSeconds,
                              Consumer<String> out) {
        List<Figures> plain = new ArrayList<>();
        List<Figures> temperature = new ArrayList<>();
        List<Figures> variants = new ArrayList<>();
        // every run is independent and deterministic: two at a time (the build machine has two cores), printed in order
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Figures>> p = new ArrayList<>();
            List<java.util.concurrent.Future<Figures>> t = new ArrayList<>();
            List<java.util.concurrent.Future<Figures>> v = new ArrayList<>();
            for (long seed : seeds) {
                ThermalScenarios.Run run = ThermalScenarios.run(leaps, seed, ThermalScenarios.Variant.LOAD_AND_DAILY,
                        lockedSeconds, holdoverSeconds);
                p.add(pool.submit(() -> one(run, false, " [plain]")));
                t.add(pool.submit(() -> one(run, true, " [temperature model]")));
            }
            for (ThermalScenarios.Variant variant : new ThermalScenarios.Variant[] {
                    ThermalScenarios.Variant.OUTSIDE_RANGE, ThermalScenarios.Variant.FAILING_SENSOR}) {
                for (long seed : seeds) {
                    ThermalScenarios.Run run = ThermalScenarios.run(leaps, seed, variant, lockedSeconds, holdoverSeconds);
                    v.add(pool.submit(() -> one(run, true, " [temperature model]")));
                }
            }
            for (int i = 0; i < p.size(); i++) {
                plain.add(p.get(i).get());
                temperature.add(t.get(i).get());
                out.accept(plain.getLast().line());
                out.accept(temperature.getLast().line());
            }
            for (java.util.concurrent.Future<Figures> f : v) {
                variants.add(f.get());
                out.accept(variants.getLast().line());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("thermal holdover runs interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a thermal holdover run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Summary(plain, temperature, variants, holdoverSeconds);
    }

    private static Figures one(ThermalScenarios.Run run, boolean learn, String tag) {
        Optional<TemperatureCurve>[] curve = new Optional[] {Optional.empty()};
        Scenario s = run.scenario();
        Scenario named = new Scenario(s.name() + tag, s.seed(), s.start(), s.durationSeconds(), s.oscillator(), s.pps(),
                s.receiver(), s.delayNanosAtSecond(), s.faults(), s.unplugAfterSeconds(), s.bootErrorNanos(),
                s.savedFrequency(), s.reference(), s.leaps(), s.warmupSeconds(), s.throughNmeaBytes());
        ScenarioResult r = ScenarioRunner.runWithTemperature(named, run.sensor(), learn, c -> curve[0] = c);
        return Figures.of(r, curve[0]);
    }
}
