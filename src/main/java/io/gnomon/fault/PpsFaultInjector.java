package io.gnomon.fault;

import io.gnomon.pps.PpsEdge;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sits between a PPS edge source (real or simulated) and the reference clock and withholds edges while the drill
 * says the PPS line is lost. The switch may be flipped from another thread.
 */
public final class PpsFaultInjector implements Consumer<PpsEdge> {
    private final Consumer<PpsEdge> downstream;
    private final BooleanSupplier lost;
    private volatile long droppedEdges;

    public PpsFaultInjector(Consumer<PpsEdge> downstream, BooleanSupplier lost) {
        this.downstream = Objects.requireNonNull(downstream);
        this.lost = Objects.requireNonNull(lost);
    }

    @Override
    public void accept(PpsEdge edge) {
        if (lost.getAsBoolean()) {
            droppedEdges++;
            return;
        }
        downstream.accept(edge);
    }

    public long droppedEdges() {
        return droppedEdges;
    }
}
