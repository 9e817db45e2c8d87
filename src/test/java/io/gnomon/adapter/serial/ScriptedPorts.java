package io.gnomon.adapter.serial;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A fake {@link SerialPortOpener} that plays a script: each open() takes the next outcome; an opened connection
 * plays its own script of reads. When the opener's script runs out it calls {@code whenExhausted} (tests close
 * the link there) and reports the port missing.
 */
final class ScriptedPorts implements SerialPortOpener {
    /** One step of a connection's script. */
    sealed interface Step {}

    record Bytes(byte[] data, long nanosBeforeReturn) implements Step {}

    record Timeout(long nanosBeforeReturn) implements Step {}

    record Lose(String reason) implements Step {}

    record Vanish(String reason) implements Step {}

    private final Deque<Object> outcomes = new ArrayDeque<>();
    private final FakeClock clock;
    private final List<String> openedAt = new ArrayList<>();
    private Consumer<ScriptedPorts> whenExhausted = p -> {};
    final List<FakeConnection> connections = new ArrayList<>();

    ScriptedPorts(FakeClock clock) {
        this.clock = clock;
    }

    ScriptedPorts fail(OpenOutcome.Failure f) {
        outcomes.add(f);
        return this;
    }

    ScriptedPorts connect(String device, Step... steps) {
        outcomes.add(new FakeConnection(device, List.of(steps)));
        return this;
    }

    ScriptedPorts whenExhausted(Consumer<ScriptedPorts> action) {
        this.whenExhausted = action;
        return this;
    }

    List<String> opens() {
        return openedAt;
    }

    @Override
    public OpenOutcome open(String path, int baud) {
        openedAt.add(path + "@" + baud);
        Object next = outcomes.poll();
        if (next == null) {
            whenExhausted.accept(this);
            return new OpenOutcome.NotFound("end of script");
        }
        if (next instanceof FakeConnection c) {
            connections.add(c);
            return new OpenOutcome.Opened(c);
        }
        return (OpenOutcome.Failure) next;
    }

    final class FakeConnection implements SerialConnection {
        private final String device;
        private final Deque<Step> steps;
        private String lossReason = "";
        private Optional<String> vanished = Optional.empty();
        volatile boolean closed;

        FakeConnection(String device, List<Step> steps) {
            this.device = device;
            this.steps = new ArrayDeque<>(steps);
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public int read(byte[] buffer) {
            Step s = steps.poll();
            if (s == null) {
                lossReason = "end of connection script";
                return -1;
            }
            return switch (s) {
                case Bytes b -> {
                    clock.advanceNanos(b.nanosBeforeReturn());
                    System.arraycopy(b.data(), 0, buffer, 0, b.data().length);
                    yield b.data().length;
                }
                case Timeout t -> {
                    clock.advanceNanos(t.nanosBeforeReturn());
                    yield 0;
                }
                case Lose l -> {
                    lossReason = l.reason();
                    yield -1;
                }
                case Vanish v -> {
                    vanished = Optional.of(v.reason());
                    clock.advanceNanos(200_000_000L);
                    yield 0;
                }
            };
        }

        @Override
        public String lossReason() {
            return lossReason;
        }

        @Override
        public Optional<String> vanished() {
            return vanished;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
