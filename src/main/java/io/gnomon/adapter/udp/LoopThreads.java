package io.gnomon.adapter.udp;

import java.util.List;

/** Waiting for receive-loop threads at shutdown, shared by every socket path. */
public final class LoopThreads {
    private LoopThreads() {}

    /**
     * Joins every thread, even if this thread is interrupted meanwhile (a half-stopped server would keep a
     * socket bound); the interrupt is restored afterwards.
     */
    public static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
