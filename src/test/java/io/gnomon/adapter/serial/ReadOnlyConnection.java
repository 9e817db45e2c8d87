package io.gnomon.adapter.serial;

import java.util.Optional;

/** A fake open port for tests that only script {@link #read}: never lost, never vanished, closing does nothing. */
abstract class ReadOnlyConnection implements SerialConnection {
    private final String device;

    ReadOnlyConnection(String device) {
        this.device = device;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public String lossReason() {
        return "";
    }

    @Override
    public Optional<String> vanished() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
