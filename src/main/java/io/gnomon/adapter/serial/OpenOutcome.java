package io.gnomon.adapter.serial;

import java.util.List;
import java.util.function.Function;

/** What came of one attempt to open a serial port. */
public sealed interface OpenOutcome {

    record Opened(SerialConnection connection) implements OpenOutcome {}

    /** Every way an open can fail, each with the link state an operator should see. */
    sealed interface Failure extends OpenOutcome {
        SerialLinkState toState(String path, Function<String, List<PortHolder>> holdersOf);
    }

    /** No device at the path. */
    record NotFound(String reason) implements Failure {
        @Override
        public SerialLinkState toState(String path, Function<String, List<PortHolder>> holdersOf) {
            return new SerialLinkState.Missing(path, reason);
        }
    }

    /** The device exists but another process holds its exclusive lock. */
    record Locked(String device) implements Failure {
        @Override
        public SerialLinkState toState(String path, Function<String, List<PortHolder>> holdersOf) {
            return new SerialLinkState.Busy(path, device, holdersOf.apply(device));
        }
    }

    /** The device exists but cannot be opened or configured as a serial port. */
    record Failed(String reason) implements Failure {
        @Override
        public SerialLinkState toState(String path, Function<String, List<PortHolder>> holdersOf) {
            return new SerialLinkState.Unusable(path, reason);
        }
    }
}
