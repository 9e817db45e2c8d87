package io.gnomon.daemon;

import io.gnomon.ntp.NtpServer;
import io.gnomon.ntp.NtpServerCore;
import io.gnomon.ntp.ServingSource;
import io.gnomon.time.RealtimeClock;
import java.nio.ByteBuffer;

/**
 * Answers a few synthetic requests before the sockets open, through a throwaway server core with counters of its
 * own, so that the first real client is not answered by cold code: class loading on the first request costs
 * tens of milliseconds, some of it after the transmit timestamp, which would show as offset.
 */
public final class Warmup {
    static final int REQUESTS = 2_000;

    private Warmup() {}

    static void run(int precisionLog2, ServingSource serving, RealtimeClock realtime) {
        NtpServerCore core = NtpServer.plain(precisionLog2, serving).newCore();
        ByteBuffer request = ByteBuffer.allocateDirect(48);
        ByteBuffer reply = ByteBuffer.allocateDirect(48);
        for (int i = 0; i < REQUESTS; i++) {
            request.clear();
            request.put(0, (byte) 0x23); // version 4, mode 3 (client)
            request.putLong(40, i);
            long now = realtime.now().epochNanos();
            core.handle(request, i, false, now, i, now, reply);
            core.restamp(reply, 48, realtime.now().epochNanos());
        }
    }
}
