package io.gnomon.daemon;

import io.gnomon.adapter.udp.NtpExchange;
import io.gnomon.ntp.NtpResponder;
import io.gnomon.ntp.ReferenceSource;
import io.gnomon.ntp.ServerCounters;
import io.gnomon.time.RealtimeClock;
import io.gnomon.time.ServedClock;
import java.nio.ByteBuffer;

/**
 * Answers a few synthetic requests before the sockets open, through a throwaway responder with counters of its
 * own, so that the first real client is not answered by cold code: class loading on the first request costs
 * tens of milliseconds, some of it after the transmit timestamp, which would show as offset.
 */
public final class Warmup {
    static final int REQUESTS = 2_000;

    private Warmup() {}

    static void run(int precisionLog2, ReferenceSource reference, ServedClock served, RealtimeClock realtime) {
        NtpResponder responder = new NtpResponder(precisionLog2, new ServerCounters());
        NtpExchange exchange = new NtpExchange(responder::handle, responder::handle, reference, served);
        ByteBuffer request = ByteBuffer.allocateDirect(48);
        ByteBuffer reply = ByteBuffer.allocateDirect(48);
        for (int i = 0; i < REQUESTS; i++) {
            request.clear();
            request.put(0, (byte) 0x23); // version 4, mode 3 (client)
            request.putLong(40, i);
            if ((i & 1) == 0) {
                exchange.answer(request, realtime.now(), reply);
            } else { // the Linux path's allocation-free form
                exchange.answerNanos(request, realtime.now().epochNanos(), served::now, reply);
            }
        }
    }
}
