package io.gnomon.adapter.udp.linux;

import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.ServerAction;
import java.nio.ByteBuffer;

/** What the receive loop does with a request the rate limiter refused: the NTP core answers or counts it. */
public interface RateLimitedAnswers {

    /** Writes a Kiss-o'-Death RATE into {@code reply}, or drops a datagram that is not a client request. */
    ServerAction kiss(ByteBuffer request, ByteBuffer reply);

    /** Counts a refused request that gets no answer at all. */
    void dropped();

    /** Through the responder's {@code kissRate} / {@code dropRateLimited}, so its counters see them. */
    static RateLimitedAnswers of(NtpResponder responder, int minimumPollLog2) {
        return new RateLimitedAnswers() {
            @Override
            public ServerAction kiss(ByteBuffer request, ByteBuffer reply) {
                return responder.kissRate(request, minimumPollLog2, reply);
            }

            @Override
            public void dropped() {
                responder.dropRateLimited();
            }
        };
    }
}
