package io.gnomon.adapter.udp;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the socket layer itself counts. Why a request got no reply is the responder's business and is
 * counted there; these are the datagrams that never reached it or whose reply never left.
 */
public final class UdpCounters {
    final LongAdder received = new LongAdder();
    final LongAdder replied = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder receiveFailures = new LongAdder();
    final LongAdder handlerFailures = new LongAdder();

    /** For a socket path outside this package: adds one batch's counts (call per batch, not per datagram). */
    public void add(long receivedCount, long repliedCount, long sendFailureCount, long receiveFailureCount,
                    long handlerFailureCount) {
        received.add(receivedCount);
        replied.add(repliedCount);
        sendFailures.add(sendFailureCount);
        receiveFailures.add(receiveFailureCount);
        handlerFailures.add(handlerFailureCount);
    }

    public long received() {
        return received.sum();
    }

    /** Replies handed to the kernel (of which {@link #sendFailures()} it refused). */
    public long replied() {
        return replied.sum();
    }

    /** The kernel refused to send a reply (e.g. no route, buffer full). */
    public long sendFailures() {
        return sendFailures.sum();
    }

    /** A receive call failed for a reason other than shutdown. */
    public long receiveFailures() {
        return receiveFailures.sum();
    }

    /** The responder threw instead of returning an action (a bug: it must not). */
    public long handlerFailures() {
        return handlerFailures.sum();
    }

    @Override
    public String toString() {
        return "received=" + received() + " replied=" + replied() + " sendFailures=" + sendFailures()
                + " receiveFailures=" + receiveFailures() + " handlerFailures=" + handlerFailures();
    }
}
