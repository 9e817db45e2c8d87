package io.gnomon.drill;

import io.gnomon.fault.DrillInjection;
import io.gnomon.status.StatusSnapshot;
import io.gnomon.time.MonotonicClock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault drill carried out on a running appliance, in real time (optionally faster): at each step it hands the
 * drill's {@link DrillInjection} to the injectors at the adapter boundary, logs the step, and says what runs in
 * {@link #current()} for the status surfaces. It injects nothing else: what NTP clients see changes only through
 * what the injected fault does to the reference clock. One daemon timer thread.
 */
public final class LiveDrill implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("gnomon.drill");

    /**
     * @param speed drill seconds per real second: 1 runs the drill's timeline as written; more compresses the
     *              fault schedule, but not the physics (holdover error grows in real time, locking takes real time)
     */
    public record Plan(Drill drill, double speed) {
        public Plan {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("drill speed must be a positive number, not " + speed);
            }
        }

        public double realSeconds() {
            return drill.scenario().durationSeconds() / speed;
        }
    }

    private final Plan plan;
    private final List<DrillSteps.Step> steps;
    private final Consumer<DrillInjection> inject;
    private final MonotonicClock clock;
    private final long startNanos;
    private final ScheduledExecutorService timer;
    private final CountDownLatch ended = new CountDownLatch(1);
    private int stepIndex = -1;
    private volatile StatusSnapshot.Drill current;

    private LiveDrill(Plan plan, Consumer<DrillInjection> inject, MonotonicClock clock) {
        this.plan = plan;
        this.steps = DrillSteps.steps(plan.drill());
        this.inject = inject;
        this.clock = clock;
        this.startNanos = clock.now().nanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gnomon-drill").factory());
    }

    /** Starts the drill now; its first step is injected before this returns. */
    public static LiveDrill start(Plan plan, Consumer<DrillInjection> inject, MonotonicClock clock) {
        LiveDrill d = new LiveDrill(plan, inject, clock);
        log.warn("drill {} started: {}; {} steps over {} s{} (faults are injected on purpose)", plan.drill().name(),
                plan.drill().summary(), d.steps.size(), Math.round(plan.realSeconds()),
                plan.speed() == 1 ? "" : String.format(Locale.ROOT, ", fault schedule %.4gx faster than written", plan.speed()));
        d.tick();
        d.timer.scheduleAtFixedRate(d::tick, 100, 100, TimeUnit.MILLISECONDS);
        return d;
    }

    /** The running drill for the status snapshot; null once it has ended. */
    public StatusSnapshot.Drill current() {
        return current;
    }

    String name() {
        return plan.drill().name();
    }

    /** Waits until the drill has run to its end (or was closed). */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    private synchronized void tick() {
        if (ended.getCount() == 0) {
            return;
        }
        double elapsed = (clock.now().nanos() - startNanos) / 1e9;
        long n = (long) Math.floor(elapsed * plan.speed());
        if (n >= plan.drill().scenario().durationSeconds()) {
            finish("ended after " + Math.round(elapsed) + " s: all inputs restored");
            return;
        }
        int i = 0;
        while (i < steps.size() - 1 && n >= steps.get(i).toSecond()) {
            i++;
        }
        DrillSteps.Step step = steps.get(i);
        if (i != stepIndex) {
            stepIndex = i;
            inject.accept(step.injection());
            log.warn("drill {} step {} of {} (drill time {}, {} s in): {}", name(), i + 1, steps.size(),
                    minutes(step.fromSecond()), Math.round(elapsed), step.describe());
        }
        current = new StatusSnapshot.Drill(name(), step.describe(), i + 1, steps.size(), (long) elapsed);
    }

    private void finish(String how) {
        inject.accept(DrillInjection.NONE);
        current = null;
        ended.countDown();
        log.warn("drill {} {}", name(), how);
        timer.shutdown();
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Stops the drill early (a shutdown): inputs restored, banner gone. */
    @Override
    public synchronized void close() {
        if (ended.getCount() != 0) {
            finish("stopped early: all inputs restored");
        }
        timer.shutdownNow();
    }
}
